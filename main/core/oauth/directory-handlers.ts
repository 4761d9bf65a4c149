import type { z } from 'zod';
import type {
  ClientDto,
  CreatedClientDto,
  UserDto,
  createClientInputSchema,
  createUserInputSchema,
} from '../../../shared/contract/directory';
import type { Caller } from '../caller';
import type { Directory } from './directory';

/** How an operator is named in audit events, as main/core/api.ts names them. */
const operator = (caller: Caller): string => `${caller.role}:${caller.name}`;

/**
 * The directory's calls of the contract (clients.list, clients.create, users.list,
 * users.create), each given validated input; spread into the handlers of main/core/api.ts.
 */
export function createDirectoryHandlers(directory: Directory) {
  return {
    'clients.list': (): readonly ClientDto[] => directory.listClients(),
    'clients.create': (
      input: z.output<typeof createClientInputSchema>,
      caller: Caller,
    ): Promise<CreatedClientDto> => directory.createClient(input, operator(caller)),
    'users.list': (): readonly UserDto[] => directory.listUsers(),
    'users.create': (
      input: z.output<typeof createUserInputSchema>,
      caller: Caller,
    ): Promise<UserDto> => directory.createUser(input, operator(caller)),
  };
}

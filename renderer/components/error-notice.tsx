import type { ContractError } from '../../shared/contract';

/** An error as people see it: its stable code and its sentence. */
export function ErrorNotice({
  error,
}: {
  error: { code: string; message: string } | ContractError;
}) {
  return (
    <div className="notice notice-error" role="alert">
      <code>{error.code}</code> {error.message}
    </div>
  );
}

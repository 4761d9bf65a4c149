import { describe, expect, it } from 'vitest';
import type { Caller } from './caller';
import { createDemoHandlers } from './demo-handlers';
import { TesseraError } from './tessera-error';

const admin: Caller = { role: 'admin', name: 'test' };

describe('createDemoHandlers', () => {
  it('reports the demo off and refuses to configure it until a demo is attached', async () => {
    const demo = createDemoHandlers();
    expect(await demo.handlers['demo.status']({}, admin)).toEqual({ enabled: false });
    expect(() => demo.handlers['demo.configure']({ running: true }, admin)).toThrow(TesseraError);

    const configured: unknown[] = [];
    const status = { enabled: false } as const;
    demo.attach({
      status: () => Promise.resolve(status),
      configure: (input, caller) => {
        configured.push([input, caller]);
        return Promise.resolve(status);
      },
    });
    await demo.handlers['demo.configure']({ clockSpeed: 60 }, admin);
    expect(configured).toEqual([[{ clockSpeed: 60 }, admin]]);
  });
});

// `cutover keys rotate [--now]`: publish the next signing key; it signs after the rotation delay.
import type { Command } from '../command.ts';
import { rotateSigningKey } from '../../core/keys/rotate-signing-key.ts';

export const keysRotate: Command = {
  name: 'keys rotate',
  summary: 'publish a new signing key (signs after CUTOVER_KEY_ROTATION_DELAY, or at once with --now)',
  usage: 'cutover keys rotate [--now] [--json]',
  options: { now: { type: 'boolean' } },
  async run(ctx) {
    const r = await rotateSigningKey(await ctx.deps(), { immediately: ctx.values.now === true });
    const result = { kid: r.kid, activateAt: new Date(r.activateAt).toISOString(), pruned: r.pruned };
    const text = ctx.values.now
      ? `key ${r.kid} signs now (emergency rotation: caches holding the old JWKS will reject new tokens until they refresh)`
      : `key ${r.kid} published; it starts signing at ${result.activateAt}`;
    return { result, text };
  },
};

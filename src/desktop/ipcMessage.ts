import { z } from 'zod';
import { StepUpProof } from '../api/index.js';

/** Largest message the door accepts, in bytes of its JSON form. */
export const MAX_MESSAGE_BYTES = 1024 * 1024;
/** Commands of one window running at once; more is a renderer gone wrong. */
export const MAX_IN_FLIGHT = 16;

const COMMAND_NAME = /^[a-z]+\.[a-z][a-z-]*$/;

/**
 * `{id, command, input}` from the renderer; `id` ties progress events to the call. `stepUpProof` is the
 * browser's WebAuthn assertion for a command that needs a step-up: only its shape is checked here, the
 * dispatcher's verifier checks what it signs.
 */
export const IpcRequest = z.strictObject({
  id: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
  command: z.string().max(64).regex(COMMAND_NAME),
  input: z.unknown(),
  stepUpProof: StepUpProof.optional(),
  /** Only ask whether the command would need the hardware key, running nothing (DispatchOptions.probeStepUp). */
  probeStepUp: z.literal(true).optional(),
});
export type IpcRequest = z.infer<typeof IpcRequest>;

/** Commands the shell answers itself; everything else goes to the backend's dispatcher. */
export const SHELL_COMMANDS = {
  'session.state': z.strictObject({}),
  'session.unlock': z.strictObject({ password: z.string().min(1).max(1024) }),
  'session.lock': z.strictObject({}),
  /** Which hardware keys open the vault, and the PRF input each is asked to evaluate (no secret). */
  'session.unlock-options': z.strictObject({}),
  /** A hardware key's PRF output (32 bytes, base64url) for its slot: a secret, never echoed or logged. */
  'session.unlock-key': z.strictObject({
    credentialId: z.string().min(1).max(1366).regex(/^[A-Za-z0-9_-]+$/, 'expected a base64url credential id'),
    prfOutput: z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'expected 32 bytes in base64url'),
    /** Only for a vault that opens with the password and the key together (`password-and-key` slot). */
    password: z.string().min(1).max(1024).optional(),
  }),
} as const;
export type ShellCommand = keyof typeof SHELL_COMMANDS;

export function isShellCommand(name: string): name is ShellCommand {
  return Object.hasOwn(SHELL_COMMANDS, name);
}

/** File bytes in a message count as their length: their JSON form (`{"0":…}`) would be eight times that. */
function bytesAsLength(_key: string, value: unknown): unknown {
  return value instanceof Uint8Array ? '#'.repeat(value.byteLength) : value;
}

/**
 * The JSON size of a message, file bytes counted as bytes, or undefined when it has no JSON form
 * (cycles, BigInt).
 */
export function jsonBytes(value: unknown): number | undefined {
  try {
    // A Buffer turns itself into {type, data} before a replacer sees it; what the binding hands over is a Uint8Array.
    const text = JSON.stringify(value, bytesAsLength);
    return text === undefined ? undefined : Buffer.byteLength(text);
  } catch {
    return undefined;
  }
}

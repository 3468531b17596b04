import type { OpaqueRunner } from '@cardcoop/sdk';

/** A call to the OPAQUE worker: one method of the SDK's OpaqueRunner and its single argument. */
export interface OpaqueRequest {
  id: number;
  method: keyof OpaqueRunner;
  input: unknown;
}

export type OpaqueResponse = { id: number; result: unknown } | { id: number; error: string };

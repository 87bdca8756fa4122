// Type declarations for vault-generator.mjs, so TypeScript tests can import it.

/** A PRNG: each call returns a number in [0, 1). */
export type Rng = () => number;

/** One file of a generated vault; `path` is relative to the vault root and '/'-separated. */
export interface VaultFile {
  path: string;
  text: string;
}

export interface GenerateVaultOptions {
  /** How many meeting notes. */
  notes: number;
  /** PRNG seed (default 1): the same seed gives byte-identical output. */
  seed?: number;
  /** How many person notes under People/ (default 60); exactly one has the alias `Myself` when > 0. */
  people?: number;
}

/** mulberry32, seeded: the same seed gives the same sequence. */
export function makeRng(seed: number): Rng;

/** Person notes and meeting notes shaped like the AI-generated summaries of NOTE-FORMAT.md. */
export function generateVault(options: GenerateVaultOptions): VaultFile[];

export interface VariedNoteOptions {
  /** Also use Obsidian-only syntax (`%% comments %%`, `$$` math blocks). Default false. */
  obsidian?: boolean;
}

/** One adversarial but realistic markdown note (5 to 60 lines) for differential parser tests. */
export function variedNote(rng: Rng, options?: VariedNoteOptions): { text: string };

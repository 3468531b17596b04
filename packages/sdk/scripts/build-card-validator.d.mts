// Types of build-card-validator.mjs, for the tests that import it.

export interface CardValidatorInput {
  schema: Record<string, unknown>;
  formats: Record<string, (value: string) => boolean>;
}

export declare const GENERATED_JS: string;
export declare const GENERATED_DTS: string;

export declare function generateCardValidator(input: CardValidatorInput): {
  js: string;
  dts: string;
};

export declare function readCommittedValidator(): Promise<{
  js: string | undefined;
  dts: string | undefined;
}>;

export declare function checkCardValidator(
  input: CardValidatorInput,
): Promise<{ fresh: boolean; stale: string[] }>;

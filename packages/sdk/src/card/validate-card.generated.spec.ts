import { CARD_FORMATS, CARD_SCHEMA } from '@cardcoop/contracts';
import { describe, expect, it } from 'vitest';
import {
  checkCardValidator,
  GENERATED_DTS,
  GENERATED_JS,
  generateCardValidator,
  readCommittedValidator,
} from '../../scripts/build-card-validator.mjs';

const input = { schema: CARD_SCHEMA, formats: CARD_FORMATS };

describe('precompiled card validator', () => {
  it('is committed and up to date with the schema (else: npm run build:validators)', async () => {
    expect(await checkCardValidator(input)).toEqual({ fresh: true, stale: [] });
  });

  it('notices when the committed code no longer matches the schema', async () => {
    const changed = structuredClone(CARD_SCHEMA) as unknown as {
      $defs: { individual: { properties: { first_name: { maxLength: number } } } };
    };
    changed.$defs.individual.properties.first_name.maxLength = 99;
    const result = await checkCardValidator({ schema: changed, formats: CARD_FORMATS });
    expect(result).toEqual({ fresh: false, stale: [GENERATED_JS] });
  });

  it('notices a format added to CARD_FORMATS but missing from the generated code', async () => {
    const schema = structuredClone(CARD_SCHEMA) as unknown as {
      $defs: { individual: { properties: { full_address: { format?: string } } } };
    };
    schema.$defs.individual.properties.full_address.format = 'extra';
    const formats = { ...CARD_FORMATS, extra: () => true };
    expect((await checkCardValidator({ schema, formats })).stale).toContain(GENERATED_JS);
  });

  it('contains no runtime code generation and no CommonJS', async () => {
    const { js, dts } = await readCommittedValidator();
    expect(js).toBeDefined();
    expect(dts).toBeDefined();
    expect(js).not.toMatch(/\bnew\s+Function\b/);
    expect(js).not.toMatch(/\bFunction\s*\(/);
    expect(js).not.toMatch(/\beval\s*\(/);
    expect(js).not.toMatch(/\brequire\s*\(/);
    expect(js).not.toMatch(/\bimport\s*\(/);
    expect(js).not.toMatch(/setTimeout|setInterval/);
  });

  it('imports the format checks from @cardcoop/contracts instead of inlining them', async () => {
    const { js = '' } = await readCommittedValidator();
    const imports = js.match(/^import .*$/gm);
    expect(imports).toEqual(["import { CARD_FORMATS } from '@cardcoop/contracts';"]);
    for (const name of Object.keys(CARD_FORMATS)) {
      const reference = /^[a-z]+$/.test(name) ? `CARD_FORMATS.${name}` : `CARD_FORMATS["${name}"]`;
      expect(js, name).toContain(reference);
    }
    // The checksum arithmetic lives in contracts only.
    expect(js).not.toMatch(/% ?1[13]\b/);
  });

  it('refuses to generate code that would need eval or require', () => {
    // Some keywords make Ajv require() a runtime helper (uniqueItems needs deep equality; string
    // lengths in code points would need ucs2length): the generator's guard must stop them.
    const schema = { $id: 'https://card.coop/schemas/test.json', type: 'array', uniqueItems: true };
    expect(() => generateCardValidator({ schema, formats: {} })).toThrow(/require/);
  });

  it('writes its files next to the validator wrapper', () => {
    expect(GENERATED_JS).toMatch(
      /packages[\\/]sdk[\\/]src[\\/]card[\\/]validate-card\.generated\.js$/,
    );
    expect(GENERATED_DTS).toMatch(/validate-card\.generated\.d\.ts$/);
  });
});

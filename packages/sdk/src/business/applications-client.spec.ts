import { describe, expect, it } from 'vitest';
import { DATABASE } from '../../../../apps/server/src/db/database.module.js';
import type { Database } from '../../../../apps/server/src/db/database.js';
import { cooperativeStaff, platformStaff } from '../../../../apps/server/src/db/schema/index.js';
import { CooperativesService } from '../../../../apps/server/src/modules/cooperatives/cooperatives.service.js';
import type { TestApp } from '../testing/member-fixture.js';
import { errorCode } from '../testing/member-fixture.js';
import { memberEachTest } from '../testing/member-scene.js';
import type { CardCoopError } from '../errors.js';
import { createBusinessClient } from './business-client.js';
import { createPlatformClient } from './platform-client.js';

const scene = memberEachTest();

const PDF = new TextEncoder().encode('%PDF-1.7\n1 0 obj << >> endobj\n%%EOF');
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
const FORM = {
  full_name: 'Потребительский кооператив «Рассвет»',
  short_name: 'ПК «Рассвет»',
  inn: '7707083893',
  ogrn: '1027700132195',
  kpp: '773601001',
  legal_address: 'г. Москва, ул. Мира, д. 2',
  actual_address: 'г. Москва, ул. Мира, д. 2',
  chairman_last_name: 'Петров',
  chairman_first_name: 'Пётр',
  phone: '+7 (916) 123-45-67',
  email: 'chair@rassvet.example',
  bank_name: 'ПАО Сбербанк',
  bik: '044525225',
  settlement_account: '40702810938000000001',
  expected_monthly_turnover: 250_000,
  members_count: 40,
  purpose: 'Оплата зарубежных сервисов',
};

const database = (server: TestApp) => server.app.get<Database>(DATABASE).primary;

/** A cooperative whose owner is the scene's member, who is also an operator reviewer. */
async function ownedCooperative(coopname: string, reviewer: boolean): Promise<void> {
  await scene.server.app
    .get(CooperativesService)
    .create({ coopname, displayName: `ПК ${coopname}` });
  const userId = scene.fixture.registered.tokens.user_id;
  await database(scene.server).insert(cooperativeStaff).values({ coopname, userId, role: 'owner' });
  if (reviewer) {
    await database(scene.server)
      .insert(platformStaff)
      .values({ userId, role: 'operator_reviewer' });
  }
}

describe('business.applications', () => {
  it('saves the form, uploads raw documents, downloads them back and submits', async () => {
    await ownedCooperative('sdkapply', false);
    const business = createBusinessClient(scene.member);
    expect(await business.applications.get('sdkapply')).toEqual({
      coopname: 'sdkapply',
      level: 'basic',
      application: null,
    });
    const draft = await business.applications.save('sdkapply', {
      expected_revision: 0,
      form: FORM,
    });
    expect(draft).toMatchObject({ status: 'draft', revision: 1 });
    expect(draft.form.phone).toBe('+79161234567');

    scene.fixture.wire.reset();
    const uploaded = await business.applications.uploadDocument('sdkapply', 'charter', PDF, {
      contentType: 'application/pdf',
      fileName: 'Устав «Рассвет».pdf',
    });
    expect(uploaded.documents).toEqual([
      expect.objectContaining({
        kind: 'charter',
        file_name: 'Устав «Рассвет».pdf',
        size: PDF.length,
      }),
    ]);
    expect(scene.fixture.wire.calls).toEqual([
      'PUT business/cooperatives/sdkapply/application/documents/charter',
    ]);
    await business.applications.uploadDocument(
      'sdkapply',
      'egrul_extract',
      new Blob([PNG], { type: 'image/png' }),
      { contentType: 'image/png' },
    );

    const charter = await business.applications.downloadDocument('sdkapply', 'charter');
    expect(charter).toEqual({
      bytes: PDF,
      content_type: 'application/pdf',
      file_name: 'Устав «Рассвет».pdf',
    });

    expect(
      await errorCode(
        business.applications.uploadDocument('sdkapply', 'other', PNG, {
          contentType: 'application/pdf',
        }),
      ),
    ).toBe('DOCUMENT_TYPE_REFUSED');
    expect(
      await errorCode(business.applications.save('sdkapply', { expected_revision: 5, form: {} })),
    ).toBe('CONFLICT');

    await business.applications.uploadDocument('sdkapply', 'other', PNG, {
      contentType: 'image/png',
    });
    await business.applications.deleteDocument('sdkapply', 'other');
    expect(await errorCode(business.applications.downloadDocument('sdkapply', 'other'))).toBe(
      'NOT_FOUND',
    );

    const submitted = await business.applications.submit('sdkapply');
    expect(submitted.status).toBe('submitted');
  });

  it('reports every gap of an incomplete application', async () => {
    await ownedCooperative('sdkgaps', false);
    const business = createBusinessClient(scene.member);
    await business.applications.save('sdkgaps', { expected_revision: 0, form: { inn: FORM.inn } });
    const failure = await business.applications.submit('sdkgaps').catch((error: unknown) => error);
    expect(failure).toMatchObject({ code: 'APPLICATION_INCOMPLETE' });
    const paths = (failure as CardCoopError).details.issues?.map((issue) => issue.path);
    expect(paths).toContain('form.full_name');
    expect(paths).toContain('documents.charter');
    expect(paths).not.toContain('form.inn');
  });
});

describe('platform.applications', () => {
  it('lists, reads, downloads and decides on submitted applications', async () => {
    await ownedCooperative('sdkreview', true);
    const business = createBusinessClient(scene.member);
    const platform = createPlatformClient(scene.member);
    await business.applications.save('sdkreview', { expected_revision: 0, form: FORM });
    await business.applications.uploadDocument('sdkreview', 'charter', PDF, {
      contentType: 'application/pdf',
    });
    await business.applications.uploadDocument('sdkreview', 'egrul_extract', PDF, {
      contentType: 'application/pdf',
      fileName: 'egrul.pdf',
    });
    await business.applications.submit('sdkreview');

    const { applications } = await platform.applications.list();
    expect(applications).toContainEqual(
      expect.objectContaining({ coopname: 'sdkreview', status: 'submitted', inn: FORM.inn }),
    );
    expect((await platform.applications.list({ status: 'approved' })).applications).toEqual([]);
    const reviewed = await platform.applications.get('sdkreview');
    expect(reviewed).toMatchObject({ display_name: 'ПК sdkreview', level: 'basic' });
    const extract = await platform.applications.downloadDocument('sdkreview', 'egrul_extract');
    expect(extract.file_name).toBe('egrul.pdf');
    expect(extract.bytes).toEqual(PDF);

    // Approval needs a second factor in this session.
    expect(await errorCode(platform.applications.approve('sdkreview'))).toBe('STEP_UP_REQUIRED');
    const sentBack = await platform.applications.requestChanges('sdkreview', 'Нужна печать');
    expect(sentBack.application).toMatchObject({
      status: 'changes_requested',
      decision_reason: 'Нужна печать',
    });
    await business.applications.submit('sdkreview');
    const rejected = await platform.applications.reject('sdkreview', 'Вне лимитов');
    expect(rejected.application.status).toBe('rejected');
  });
});

import { request as httpRequest } from 'node:http';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  applicationQueueSchema,
  applicationStateSchema,
  notificationListSchema,
  operatorApplicationSchema,
  reviewedApplicationSchema,
} from '@cardcoop/contracts';
import type { ApplicationFormDraft, ErrorBody } from '@cardcoop/contracts';
import { DATABASE } from '../../src/db/database.module.js';
import type { Database } from '../../src/db/database.js';
import { registerCooperative } from '../support/coop-fixture.js';
import { mailsTo, registerRaw } from '../support/raw-member.js';
import { startTestApp } from '../support/test-app.js';
import type { TestApp } from '../support/test-app.js';
import { changeSessions } from '../support/staff-fixture.js';

let server: TestApp;
const db = () => server.app.get<Database>(DATABASE).primary;

interface Person {
  email: string;
  userId: string;
  sessionId: string;
  token: string;
}

let counter = 0;
async function person(name: string): Promise<Person> {
  counter += 1;
  const email = `${name}${counter}@applications.example`;
  // Each registration from an address of its own, past the per-IP registration limit.
  const { tokens, userId } = await registerRaw(server.url, email, `${email} password`, {
    'x-forwarded-for': `10.20.${counter >> 8}.${counter & 255}`,
  });
  return { email, userId, sessionId: tokens.session_id, token: tokens.access_token };
}

/** A cooperative with an owner, an admin and a viewer (rows inserted directly). */
async function cooperative(coopname: string) {
  await registerCooperative(server, coopname, `ПК ${coopname}`);
  const [owner, admin, viewer] = [
    await person('owner'),
    await person('admin'),
    await person('viewer'),
  ];
  for (const [who, role] of [
    [owner, 'owner'],
    [admin, 'admin'],
    [viewer, 'viewer'],
  ] as const) {
    await db().execute(
      sql`insert into cooperative_staff (coopname, user_id, role) values (${coopname}, ${who.userId}, ${role})`,
    );
  }
  return { coopname, owner, admin, viewer };
}

async function platformStaff(role: 'operator_reviewer' | 'platform_admin'): Promise<Person> {
  const who = await person(role);
  await db().execute(
    sql`insert into platform_staff (user_id, role) values (${who.userId}, ${role})`,
  );
  return who;
}

const steppedUp = (who: Person) =>
  changeSessions(
    server,
    sql`update sessions set stepped_up_at = now() where id = ${who.sessionId} returning id`,
  );

async function api(
  who: Person,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; body: unknown; headers: Headers }> {
  const response = await fetch(`${server.url}/api/v1${path}`, {
    method,
    headers: {
      authorization: `Bearer ${who.token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return {
    status: response.status,
    body: text ? (JSON.parse(text) as unknown) : undefined,
    headers: response.headers,
  };
}

const appPath = (coopname: string) => `/business/cooperatives/${coopname}/application`;

function upload(
  who: Person,
  coopname: string,
  kind: string,
  bytes: Uint8Array,
  contentType: string,
  fileName?: string,
) {
  return fetch(`${server.url}/api/v1${appPath(coopname)}/documents/${kind}`, {
    method: 'PUT',
    headers: {
      authorization: `Bearer ${who.token}`,
      'content-type': contentType,
      ...(fileName ? { 'x-file-name': encodeURIComponent(fileName) } : {}),
    },
    body: bytes as BodyInit,
  });
}

const PDF = Buffer.concat([
  Buffer.from('%PDF-1.7\n'),
  Buffer.alloc(2048, 0x20),
  Buffer.from('%%EOF'),
]);
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(1024, 7)]);
const PNG = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.alloc(512, 1),
]);

const FORM: ApplicationFormDraft = {
  full_name: 'Потребительский кооператив «Восход»',
  short_name: 'ПК «Восход»',
  inn: '7707083893',
  ogrn: '1027700132195',
  kpp: '773601001',
  legal_address: 'г. Москва, ул. Ленина, д. 1',
  actual_address: 'г. Москва, ул. Ленина, д. 1',
  chairman_last_name: 'Иванов',
  chairman_first_name: 'Иван',
  chairman_middle_name: 'Иванович',
  phone: '8 916 123-45-67',
  email: 'chair@voskhod.example',
  bank_name: 'ПАО Сбербанк',
  bik: '044525225',
  settlement_account: '40702810938000000001',
  expected_monthly_turnover: 1_500_000,
  members_count: 120,
  purpose: 'Оплата зарубежных сервисов пайщиками',
};

async function documentRows(coopname: string): Promise<number> {
  const result = (await db().execute(
    sql`select count(*)::int as n from operator_application_documents d
        join operator_applications a on a.id = d.application_id where a.coopname = ${coopname}`,
  )) as unknown as { rows: { n: number }[] };
  return result.rows[0]!.n;
}

async function applicationRows(coopname: string): Promise<number> {
  const result = (await db().execute(
    sql`select count(*)::int as n from operator_applications where coopname = ${coopname}`,
  )) as unknown as { rows: { n: number }[] };
  return result.rows[0]!.n;
}

async function auditTypes(who: Person): Promise<string[]> {
  const result = (await db().execute(
    sql`select type from audit_events where subject_id = ${who.userId} and type like 'operator_application.%' order by seq`,
  )) as unknown as { rows: { type: string }[] };
  return result.rows.map((row) => row.type);
}

const errorCode = (body: unknown) => (body as ErrorBody).code;

/** The member's in-app notices about the cooperative, oldest first, as the centre lists them. */
async function notices(who: Person, coopname: string) {
  const list = notificationListSchema.parse(
    (await api(who, 'GET', `/notifications?coopname=${coopname}&limit=100`)).body,
  );
  return list.notifications
    .reverse()
    .map(({ type, data, coopname: coop, display_name }) => ({ type, data, coop, display_name }));
}

beforeAll(async () => {
  server = await startTestApp({ env: { TRUST_PROXY: 'true' } });
});
afterAll(() => server.close());

describe('operator application: the whole flow', () => {
  it('draft → documents → submit → changes requested → resubmit → approve: level extended', async () => {
    const coop = await cooperative('appflow1');
    const reviewer = await platformStaff('operator_reviewer');

    const before = applicationStateSchema.parse(
      (await api(coop.viewer, 'GET', appPath(coop.coopname))).body,
    );
    expect(before).toEqual({ coopname: coop.coopname, level: 'basic', application: null });

    const saved = await api(coop.admin, 'PUT', appPath(coop.coopname), {
      expected_revision: 0,
      form: FORM,
    });
    expect(saved.status).toBe(200);
    const draft = operatorApplicationSchema.parse(saved.body);
    expect(draft).toMatchObject({ status: 'draft', revision: 1 });
    expect(draft.form.phone).toBe('+79161234567');

    const pdf = await upload(
      coop.owner,
      coop.coopname,
      'charter',
      PDF,
      'application/pdf',
      'Устав ПК.pdf',
    );
    expect(pdf.status).toBe(200);
    const jpeg = await upload(
      coop.admin,
      coop.coopname,
      'egrul_extract',
      JPEG,
      'image/jpeg',
      'выписка.jpg',
    );
    expect(jpeg.status).toBe(200);
    const withDocuments = operatorApplicationSchema.parse(await jpeg.json());
    expect(withDocuments.documents.map((document) => document.kind)).toEqual([
      'charter',
      'egrul_extract',
    ]);
    expect(withDocuments.documents[0]).toMatchObject({
      file_name: 'Устав ПК.pdf',
      content_type: 'application/pdf',
      size: PDF.length,
    });

    // A viewer downloads it back: an attachment, never sniffed, never cached.
    const download = await fetch(
      `${server.url}/api/v1${appPath(coop.coopname)}/documents/charter`,
      {
        headers: { authorization: `Bearer ${coop.viewer.token}` },
      },
    );
    expect(download.status).toBe(200);
    expect(Buffer.from(await download.arrayBuffer()).equals(PDF)).toBe(true);
    expect(download.headers.get('content-type')).toBe('application/pdf');
    expect(download.headers.get('content-disposition')).toContain('attachment;');
    expect(download.headers.get('content-disposition')).toContain(
      `filename*=UTF-8''${encodeURIComponent('Устав ПК.pdf')}`,
    );
    expect(download.headers.get('x-content-type-options')).toBe('nosniff');
    expect(download.headers.get('cache-control')).toBe('no-store');

    // Only the owner submits.
    expect((await api(coop.admin, 'POST', `${appPath(coop.coopname)}/submit`)).status).toBe(403);
    const submitted = await api(coop.owner, 'POST', `${appPath(coop.coopname)}/submit`);
    expect(submitted.status).toBe(200);
    expect(operatorApplicationSchema.parse(submitted.body).status).toBe('submitted');
    await vi.waitFor(async () => {
      const mails = await mailsTo(server.url, reviewer.email);
      expect(mails.some((mail) => mail.subject.includes(coop.coopname))).toBe(true);
    });
    // The reviewer is told in the app too; the cooperative's staff are not.
    expect(await notices(reviewer, coop.coopname)).toEqual([
      {
        type: 'application.submitted',
        data: {},
        coop: coop.coopname,
        display_name: `ПК ${coop.coopname}`,
      },
    ]);
    expect(await notices(coop.owner, coop.coopname)).toEqual([]);
    // Submitted: the form and documents are frozen.
    const frozen = await api(coop.owner, 'PUT', appPath(coop.coopname), {
      expected_revision: 1,
      form: FORM,
    });
    expect(frozen.status).toBe(409);
    expect(errorCode(frozen.body)).toBe('APPLICATION_NOT_EDITABLE');
    expect((await upload(coop.owner, coop.coopname, 'other', PNG, 'image/png')).status).toBe(409);

    // The reviewer's queue, the application and its documents.
    const queue = applicationQueueSchema.parse(
      (await api(reviewer, 'GET', '/admin/applications?status=submitted')).body,
    );
    expect(queue.applications.map((item) => item.coopname)).toContain(coop.coopname);
    const reviewed = reviewedApplicationSchema.parse(
      (await api(reviewer, 'GET', `/admin/applications/${coop.coopname}`)).body,
    );
    expect(reviewed.application.form.inn).toBe(FORM.inn);
    const reviewerDownload = await fetch(
      `${server.url}/api/v1/admin/applications/${coop.coopname}/documents/egrul_extract`,
      { headers: { authorization: `Bearer ${reviewer.token}` } },
    );
    expect(Buffer.from(await reviewerDownload.arrayBuffer()).equals(JPEG)).toBe(true);

    const changes = await api(
      reviewer,
      'POST',
      `/admin/applications/${coop.coopname}/request-changes`,
      {
        reason: 'Приложите решение о назначении председателя',
      },
    );
    expect(changes.status).toBe(200);
    expect(reviewedApplicationSchema.parse(changes.body).application).toMatchObject({
      status: 'changes_requested',
      decision_reason: 'Приложите решение о назначении председателя',
    });
    await vi.waitFor(async () => {
      const mails = await mailsTo(server.url, coop.owner.email);
      expect(mails.some((mail) => mail.text.includes('Приложите решение'))).toBe(true);
    });
    // The owner (not the admin or the viewer) finds the decision and its reason in the app.
    expect(await notices(coop.owner, coop.coopname)).toMatchObject([
      {
        type: 'application.changes_requested',
        data: { reason: 'Приложите решение о назначении председателя' },
        coop: coop.coopname,
      },
    ]);
    expect(await notices(coop.admin, coop.coopname)).toEqual([]);
    expect(await notices(coop.viewer, coop.coopname)).toEqual([]);
    // A second decision on an application that is not submitted is refused.
    const twice = await api(reviewer, 'POST', `/admin/applications/${coop.coopname}/reject`, {
      reason: 'нет',
    });
    expect(twice.status).toBe(409);
    expect(errorCode(twice.body)).toBe('APPLICATION_NOT_SUBMITTED');

    expect(
      (
        await upload(
          coop.owner,
          coop.coopname,
          'chairman_decision',
          PNG,
          'image/png',
          'решение.png',
        )
      ).status,
    ).toBe(200);
    const edited = await api(coop.owner, 'PUT', appPath(coop.coopname), {
      expected_revision: 1,
      form: { ...FORM, members_count: 125 },
    });
    expect(edited.status).toBe(200);
    expect(operatorApplicationSchema.parse(edited.body)).toMatchObject({
      status: 'changes_requested',
      revision: 2,
    });
    expect((await api(coop.owner, 'POST', `${appPath(coop.coopname)}/submit`)).status).toBe(200);

    // Approval needs a fresh second factor.
    const unstepped = await api(reviewer, 'POST', `/admin/applications/${coop.coopname}/approve`);
    expect(unstepped.status).toBe(403);
    expect(errorCode(unstepped.body)).toBe('STEP_UP_REQUIRED');
    await steppedUp(reviewer);
    const approved = await api(reviewer, 'POST', `/admin/applications/${coop.coopname}/approve`);
    expect(approved.status).toBe(200);
    expect(reviewedApplicationSchema.parse(approved.body)).toMatchObject({
      level: 'extended',
      application: { status: 'approved' },
    });
    const after = applicationStateSchema.parse(
      (await api(coop.owner, 'GET', appPath(coop.coopname))).body,
    );
    expect(after.level).toBe('extended');
    expect(after.application?.status).toBe('approved');
    await vi.waitFor(async () => {
      const mails = await mailsTo(server.url, coop.owner.email);
      expect(mails.some((mail) => mail.subject.includes('одобрена'))).toBe(true);
    });
    expect((await notices(coop.owner, coop.coopname)).map(({ type }) => type)).toEqual([
      'application.changes_requested',
      'application.approved',
    ]);
    expect((await notices(coop.owner, coop.coopname))[1]!.data).toEqual({});
    // The in-app notices are not mailed a second time: the module's own mails said it.
    for (const who of [reviewer, coop.owner]) {
      const mails = await mailsTo(server.url, who.email);
      expect(mails.filter((mail) => mail.subject.startsWith('CARD.COOP:'))).toEqual([]);
    }
    // The resubmission told the reviewer a second time.
    expect((await notices(reviewer, coop.coopname)).map(({ type }) => type)).toEqual([
      'application.submitted',
      'application.submitted',
    ]);
    // Decided: documents stay, but cannot be removed.
    const removal = await api(coop.owner, 'DELETE', `${appPath(coop.coopname)}/documents/other`);
    expect(removal.status).toBe(409);

    // Every transition left its event under the member who made it.
    expect(await auditTypes(coop.owner)).toEqual([
      'operator_application.document_uploaded',
      'operator_application.submitted',
      'operator_application.document_uploaded',
      'operator_application.saved',
      'operator_application.submitted',
    ]);
    expect(await auditTypes(coop.admin)).toEqual([
      'operator_application.saved',
      'operator_application.document_uploaded',
    ]);
    expect(await auditTypes(reviewer)).toEqual([
      'operator_application.changes_requested',
      'operator_application.approved',
    ]);
  });

  it('a rejected application stays; the cooperative may start a new one', async () => {
    const coop = await cooperative('appflow2');
    const reviewer = await platformStaff('platform_admin');
    await api(coop.owner, 'PUT', appPath(coop.coopname), { expected_revision: 0, form: FORM });
    await upload(coop.owner, coop.coopname, 'charter', PDF, 'application/pdf');
    await upload(coop.owner, coop.coopname, 'egrul_extract', PNG, 'image/png');
    expect((await api(coop.owner, 'POST', `${appPath(coop.coopname)}/submit`)).status).toBe(200);
    const rejected = await api(reviewer, 'POST', `/admin/applications/${coop.coopname}/reject`, {
      reason: 'Оборот вне лимитов оператора',
    });
    expect(reviewedApplicationSchema.parse(rejected.body)).toMatchObject({
      level: 'basic',
      application: { status: 'rejected', decision_reason: 'Оборот вне лимитов оператора' },
    });
    expect(await notices(coop.owner, coop.coopname)).toEqual([
      {
        type: 'application.rejected',
        data: { reason: 'Оборот вне лимитов оператора' },
        coop: coop.coopname,
        display_name: `ПК ${coop.coopname}`,
      },
    ]);
    expect(await notices(coop.admin, coop.coopname)).toEqual([]);
    // A platform admin without the reviewer role is not told of submissions.
    expect(await notices(reviewer, coop.coopname)).toEqual([]);
    const again = await api(coop.owner, 'PUT', appPath(coop.coopname), {
      expected_revision: 0,
      form: { inn: FORM.inn },
    });
    expect(again.status).toBe(200);
    expect(operatorApplicationSchema.parse(again.body)).toMatchObject({
      status: 'draft',
      revision: 1,
      documents: [],
    });
    expect(await applicationRows(coop.coopname)).toBe(2);
  });

  it('removes a document from a draft', async () => {
    const coop = await cooperative('appdelete1');
    await upload(coop.owner, coop.coopname, 'other', PNG, 'image/png', 'scan.png');
    expect(await documentRows(coop.coopname)).toBe(1);
    expect(
      (await api(coop.viewer, 'DELETE', `${appPath(coop.coopname)}/documents/other`)).status,
    ).toBe(403);
    expect(
      (await api(coop.admin, 'DELETE', `${appPath(coop.coopname)}/documents/other`)).status,
    ).toBe(204);
    expect(await documentRows(coop.coopname)).toBe(0);
    expect((await api(coop.admin, 'GET', `${appPath(coop.coopname)}/documents/other`)).status).toBe(
      404,
    );
    expect(
      (await api(coop.admin, 'GET', `${appPath(coop.coopname)}/documents/passport`)).status,
    ).toBe(404);
  });
});

describe('operator application: the form', () => {
  it('refuses a stale revision with 409 CONFLICT', async () => {
    const coop = await cooperative('apprev1');
    await api(coop.owner, 'PUT', appPath(coop.coopname), { expected_revision: 0, form: {} });
    const first = await api(coop.admin, 'PUT', appPath(coop.coopname), {
      expected_revision: 1,
      form: { short_name: 'ПК «А»' },
    });
    expect(first.status).toBe(200);
    const stale = await api(coop.owner, 'PUT', appPath(coop.coopname), {
      expected_revision: 1,
      form: { short_name: 'ПК «Б»' },
    });
    expect(stale.status).toBe(409);
    expect(errorCode(stale.body)).toBe('CONFLICT');
    // A second "new application" while one is open is a conflict too.
    const restart = await api(coop.owner, 'PUT', appPath(coop.coopname), {
      expected_revision: 0,
      form: {},
    });
    expect(restart.status).toBe(409);
    const state = applicationStateSchema.parse(
      (await api(coop.owner, 'GET', appPath(coop.coopname))).body,
    );
    expect(state.application?.form.short_name).toBe('ПК «А»');
  });

  it('checks INN, OGRN, the settlement account against the BIK, the phone and the e-mail', async () => {
    const coop = await cooperative('appcheck1');
    const wrong = await api(coop.owner, 'PUT', appPath(coop.coopname), {
      expected_revision: 0,
      form: {
        ...FORM,
        inn: '7707083894',
        ogrn: '1027700132196',
        bik: '044525974',
        phone: '12',
        email: 'not-an-address',
        expected_monthly_turnover: 1.5,
      },
    });
    expect(wrong.status).toBe(422);
    const paths = (wrong.body as ErrorBody).details?.map((issue) => issue.path) ?? [];
    expect(paths).toEqual(
      expect.arrayContaining([
        'form.inn',
        'form.ogrn',
        'form.phone',
        'form.email',
        'form.expected_monthly_turnover',
      ]),
    );
    const otherBank = await api(coop.owner, 'PUT', appPath(coop.coopname), {
      expected_revision: 0,
      form: { ...FORM, bik: '044525974' },
    });
    expect(otherBank.status).toBe(422);
    expect((otherBank.body as ErrorBody).details?.map((issue) => issue.path)).toEqual([
      'form.settlement_account',
    ]);
    const unknownField = await api(coop.owner, 'PUT', appPath(coop.coopname), {
      expected_revision: 0,
      form: { ...FORM, level: 'extended' },
    });
    expect(unknownField.status).toBe(422);
    expect(await applicationRows(coop.coopname)).toBe(0);
  });

  it('submitting an incomplete application names every missing field and document (422)', async () => {
    const coop = await cooperative('appmiss1');
    const { full_name: _name, inn: _inn, chairman_middle_name: _middle, ...partial } = FORM;
    await api(coop.owner, 'PUT', appPath(coop.coopname), { expected_revision: 0, form: partial });
    await upload(coop.owner, coop.coopname, 'charter', PDF, 'application/pdf');
    const incomplete = await api(coop.owner, 'POST', `${appPath(coop.coopname)}/submit`);
    expect(incomplete.status).toBe(422);
    expect(errorCode(incomplete.body)).toBe('APPLICATION_INCOMPLETE');
    expect((incomplete.body as ErrorBody).details?.map((issue) => issue.path)).toEqual([
      'form.full_name',
      'form.inn',
      'documents.egrul_extract',
    ]);
    const state = applicationStateSchema.parse(
      (await api(coop.owner, 'GET', appPath(coop.coopname))).body,
    );
    expect(state.application?.status).toBe('draft');
  });

  it('submitting without any application is 404', async () => {
    const coop = await cooperative('appnone1');
    expect((await api(coop.owner, 'POST', `${appPath(coop.coopname)}/submit`)).status).toBe(404);
  });
});

describe('operator application: who may do what', () => {
  it('a viewer reads but cannot edit, upload or submit', async () => {
    const coop = await cooperative('approle1');
    expect((await api(coop.viewer, 'GET', appPath(coop.coopname))).status).toBe(200);
    expect(
      (await api(coop.viewer, 'PUT', appPath(coop.coopname), { expected_revision: 0, form: {} }))
        .status,
    ).toBe(403);
    expect(
      (await upload(coop.viewer, coop.coopname, 'charter', PDF, 'application/pdf')).status,
    ).toBe(403);
    expect((await api(coop.viewer, 'POST', `${appPath(coop.coopname)}/submit`)).status).toBe(403);
    expect(await applicationRows(coop.coopname)).toBe(0);
  });

  it('the owner of another cooperative gets 403 everywhere', async () => {
    const coop = await cooperative('approle2');
    const other = await cooperative('approle3');
    await api(coop.owner, 'PUT', appPath(coop.coopname), { expected_revision: 0, form: FORM });
    await upload(coop.owner, coop.coopname, 'charter', PDF, 'application/pdf');
    for (const [method, path] of [
      ['GET', appPath(coop.coopname)],
      ['PUT', appPath(coop.coopname)],
      ['POST', `${appPath(coop.coopname)}/submit`],
      ['GET', `${appPath(coop.coopname)}/documents/charter`],
      ['DELETE', `${appPath(coop.coopname)}/documents/charter`],
    ] as const) {
      const body = method === 'PUT' ? { expected_revision: 1, form: {} } : undefined;
      expect((await api(other.owner, method, path, body)).status, `${method} ${path}`).toBe(403);
    }
    expect((await upload(other.owner, coop.coopname, 'other', PDF, 'application/pdf')).status).toBe(
      403,
    );
    // Nor may a cooperative's owner review anything.
    expect((await api(coop.owner, 'GET', `/admin/applications/${coop.coopname}`)).status).toBe(403);
  });

  it('a member without a platform role cannot review', async () => {
    const coop = await cooperative('approle4');
    const member = await person('plain');
    await steppedUp(member);
    for (const [method, path] of [
      ['GET', '/admin/applications'],
      ['GET', `/admin/applications/${coop.coopname}`],
      ['GET', `/admin/applications/${coop.coopname}/documents/charter`],
      ['POST', `/admin/applications/${coop.coopname}/approve`],
      ['POST', `/admin/applications/${coop.coopname}/reject`],
      ['POST', `/admin/applications/${coop.coopname}/request-changes`],
    ] as const) {
      const body = method === 'POST' ? { reason: 'x' } : undefined;
      expect((await api(member, method, path, body)).status, `${method} ${path}`).toBe(403);
    }
    expect((await api(member, 'GET', `/admin/applications?status=nonsense`)).status).toBe(403);
  });
  it('a draft is the cooperative’s own: the operator sees it only once submitted', async () => {
    const coop = await cooperative('appdraft1');
    const reviewer = await platformStaff('operator_reviewer');
    await api(coop.owner, 'PUT', appPath(coop.coopname), { expected_revision: 0, form: FORM });
    await upload(coop.owner, coop.coopname, 'charter', PDF, 'application/pdf');
    expect((await api(reviewer, 'GET', `/admin/applications/${coop.coopname}`)).status).toBe(404);
    expect(
      (await api(reviewer, 'GET', `/admin/applications/${coop.coopname}/documents/charter`)).status,
    ).toBe(404);
    expect((await api(reviewer, 'GET', '/admin/applications?status=draft')).status).toBe(422);
    const queue = applicationQueueSchema.parse(
      (await api(reviewer, 'GET', '/admin/applications')).body,
    );
    expect(queue.applications.map((item) => item.coopname)).not.toContain(coop.coopname);
  });
});

describe('operator application: uploads', () => {
  it('refuses a renamed executable or script declared as a PDF (415), storing nothing', async () => {
    const coop = await cooperative('appexe1');
    const executables = [
      Buffer.concat([Buffer.from('MZ'), Buffer.alloc(4096, 0x90)]),
      Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46]), Buffer.alloc(4096, 1)]),
      Buffer.from('#!/bin/sh\nrm -rf /\n'),
      Buffer.from('<script>alert(1)</script>'),
    ];
    for (const bytes of executables) {
      const response = await upload(
        coop.owner,
        coop.coopname,
        'charter',
        bytes,
        'application/pdf',
        'устав.pdf',
      );
      expect(response.status).toBe(415);
      const body = (await response.json()) as ErrorBody;
      expect(body.code).toBe('DOCUMENT_TYPE_REFUSED');
      expect(body.message).toMatch(/PDF, JPEG/);
    }
    const english = await fetch(`${server.url}/api/v1${appPath(coop.coopname)}/documents/charter`, {
      method: 'PUT',
      headers: {
        authorization: `Bearer ${coop.owner.token}`,
        'content-type': 'application/pdf',
        'accept-language': 'en',
      },
      body: executables[0],
    });
    expect(((await english.json()) as ErrorBody).message).toMatch(/only PDF, JPEG and PNG/);
    expect(await documentRows(coop.coopname)).toBe(0);
    expect(await applicationRows(coop.coopname)).toBe(0);
  });

  it('refuses an upload without a token before reading it (401)', async () => {
    const coop = await cooperative('appanon1');
    const response = await fetch(
      `${server.url}/api/v1${appPath(coop.coopname)}/documents/charter`,
      {
        method: 'PUT',
        headers: { 'content-type': 'application/pdf' },
        body: PDF,
      },
    );
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect(await applicationRows(coop.coopname)).toBe(0);
  });

  it('refuses bytes of another type than declared, and types it does not take', async () => {
    const coop = await cooperative('apptype1');
    const pngOfJpeg = await upload(coop.owner, coop.coopname, 'other', JPEG, 'image/png');
    expect(pngOfJpeg.status).toBe(415);
    expect(((await pngOfJpeg.json()) as ErrorBody).code).toBe('DOCUMENT_TYPE_REFUSED');
    const jpegOfPdf = await upload(coop.owner, coop.coopname, 'other', PDF, 'image/jpeg');
    expect(jpegOfPdf.status).toBe(415);
    const octets = await upload(
      coop.owner,
      coop.coopname,
      'other',
      PDF,
      'application/octet-stream',
    );
    expect(octets.status).toBe(415);
    expect(((await octets.json()) as ErrorBody).code).toBe('UNSUPPORTED_MEDIA_TYPE');
    const json = await api(coop.owner, 'PUT', `${appPath(coop.coopname)}/documents/other`, {
      content: PDF.toString('base64'),
    });
    expect(json.status).toBe(415);
    // A raw file is taken by the upload route only.
    const elsewhere = await fetch(`${server.url}/api/v1${appPath(coop.coopname)}`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${coop.owner.token}`, 'content-type': 'application/pdf' },
      body: PDF,
    });
    expect(elsewhere.status).toBe(415);
    expect(((await elsewhere.json()) as ErrorBody).code).toBe('UNSUPPORTED_MEDIA_TYPE');
    expect(await documentRows(coop.coopname)).toBe(0);
  });

  it('takes a 10 MB document (the global body limit does not apply) and replaces a kind', async () => {
    const coop = await cooperative('appbig1');
    const big = Buffer.alloc(10 * 1024 * 1024, 0x20);
    PDF.copy(big, 0, 0, 9);
    const response = await upload(
      coop.owner,
      coop.coopname,
      'charter',
      big,
      'application/pdf',
      'big.pdf',
    );
    expect(response.status).toBe(200);
    const replaced = await upload(
      coop.owner,
      coop.coopname,
      'charter',
      PDF,
      'application/pdf',
      'small.pdf',
    );
    const application = operatorApplicationSchema.parse(await replaced.json());
    expect(application.documents).toEqual([
      expect.objectContaining({ kind: 'charter', file_name: 'small.pdf', size: PDF.length }),
    ]);
    expect(await documentRows(coop.coopname)).toBe(1);
  });

  it('keeps a safe file name: no path, no control characters, the sniffed type’s extension', async () => {
    const coop = await cooperative('appname1');
    const response = await upload(
      coop.owner,
      coop.coopname,
      'other',
      PDF,
      'application/pdf',
      `../../etc/pass\u0000wd<>.exe`,
    );
    const [document] = operatorApplicationSchema.parse(await response.json()).documents;
    expect(document?.file_name).toBe('passwd.exe.pdf');
    const long = await upload(
      coop.owner,
      coop.coopname,
      'other',
      PNG,
      'image/png',
      `${'я'.repeat(300)}.png`,
    );
    const [renamed] = operatorApplicationSchema.parse(await long.json()).documents;
    expect([...renamed!.file_name]).toHaveLength(200);
    expect(renamed!.file_name.endsWith('.png')).toBe(true);
  });

  /**
   * A raw upload of `total` bytes: the status when the server answers (0 when it reset the
   * connection before its answer could be read) and how many bytes had been sent by then. With
   * `waitFirst`, only the headers go out until the server answers (or 2 s pass).
   */
  function rawUpload(
    coop: { coopname: string; owner: Person },
    headers: Record<string, string | number>,
    total: number,
    waitFirst = false,
  ): Promise<{ status: number; sent: number; body: string }> {
    return new Promise((resolve, reject) => {
      const url = new URL(`${server.url}/api/v1${appPath(coop.coopname)}/documents/charter`);
      let sent = 0;
      let answered = false;
      const request = httpRequest(url, {
        method: 'PUT',
        headers: {
          authorization: `Bearer ${coop.owner.token}`,
          'content-type': 'application/pdf',
          ...headers,
        },
      });
      request.on('response', (response) => {
        answered = true;
        let body = '';
        response.on('data', (chunk: Buffer) => (body += chunk.toString()));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, sent, body }));
      });
      request.on('error', (error: NodeJS.ErrnoException) => {
        if (answered) return;
        // The server closed on a body it would not read: the kernel may reset the connection
        // before the client read the answer.
        if (error.code === 'ECONNRESET' || error.code === 'EPIPE') {
          resolve({ status: 0, sent, body: '' });
        } else reject(error);
      });
      const chunk = Buffer.alloc(256 * 1024, 0x20);
      PDF.copy(chunk, 0, 0, 9);
      const pump = () => {
        while (!answered && sent < total) {
          sent += chunk.length;
          if (!request.write(chunk)) return void request.once('drain', pump);
        }
        if (!answered) request.end();
      };
      if (!waitFirst) return pump();
      request.flushHeaders();
      setTimeout(pump, 2000);
    });
  }

  it('cuts off a 50 MB upload early with 413, announced or streamed, storing nothing', async () => {
    const coop = await cooperative('apphuge1');
    const total = 50 * 1024 * 1024;
    const started = Date.now();
    // Announced: refused on the headers alone, before a byte of the body is sent.
    const announced = await rawUpload(coop, { 'content-length': total }, total, true);
    expect(announced.status).toBe(413);
    expect(JSON.parse(announced.body)).toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
    expect(announced.sent).toBe(0);
    expect(Date.now() - started).toBeLessThan(1_500);
    // Streamed: cut off once past 10 MB (an answer the reset swallowed shows as 0).
    const streamed = await rawUpload(coop, { 'transfer-encoding': 'chunked' }, total);
    expect([413, 0]).toContain(streamed.status);
    if (streamed.status === 413) {
      expect(JSON.parse(streamed.body)).toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
    }
    expect(streamed.sent).toBeLessThan(total);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(await documentRows(coop.coopname)).toBe(0);
    expect(await applicationRows(coop.coopname)).toBe(0);
  });

  it('stores nothing when the connection is cut mid-upload', async () => {
    const coop = await cooperative('appcut1');
    await new Promise<void>((resolve) => {
      const url = new URL(`${server.url}/api/v1${appPath(coop.coopname)}/documents/charter`);
      const request = httpRequest(url, {
        method: 'PUT',
        headers: {
          authorization: `Bearer ${coop.owner.token}`,
          'content-type': 'application/pdf',
          'content-length': 1024 * 1024,
        },
      });
      request.on('error', () => resolve());
      request.write(PDF, () => {
        setTimeout(() => {
          request.destroy();
          resolve();
        }, 100);
      });
    });
    // The server notices the cut connection; the handler never ran.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await documentRows(coop.coopname)).toBe(0);
    expect(await applicationRows(coop.coopname)).toBe(0);
    // The next upload works.
    expect(
      (await upload(coop.owner, coop.coopname, 'charter', PDF, 'application/pdf')).status,
    ).toBe(200);
  });
});

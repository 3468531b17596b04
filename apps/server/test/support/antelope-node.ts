import { createServer } from 'node:http';
import type { Server } from 'node:http';
import { freePort } from './server-process.js';

export type ParticipantRow = { username: string } & Record<string, unknown>;

/** What the emulated chain holds; tests change it between calls. */
export interface ChainState {
  /** `soviet/participants` rows per cooperative scope. */
  participants: Record<string, ParticipantRow[]>;
  /** Keys of each account's permissions (`owner`, `active`, …), as `get_account` lists them. */
  accounts: Record<string, Record<string, string[]>>;
}

export interface AntelopeNode {
  url: string;
  state: ChainState;
  /** Every request body received, with its path. */
  requests: { path: string; params: Record<string, unknown> }[];
  close(): Promise<void>;
}

function getAccount(state: ChainState, name: string) {
  const permissions = state.accounts[name];
  if (!permissions) {
    // nodeos answers an unknown account with a 500 and an error body.
    return {
      status: 500,
      body: {
        code: 500,
        message: 'Internal Service Error',
        error: {
          code: 0,
          name: 'exception',
          what: 'unspecified',
          details: [
            {
              message: `unknown key (eosio::chain::name): ${name}`,
              file: '',
              line_number: 0,
              method: '',
            },
          ],
        },
      },
    };
  }
  return {
    status: 200,
    body: {
      account_name: name,
      head_block_num: 1000,
      head_block_time: '2026-11-22T00:00:00.000',
      privileged: false,
      created: '2025-01-01T00:00:00.000',
      ram_quota: 8192,
      net_weight: 0,
      cpu_weight: 0,
      permissions: Object.entries(permissions).map(([perm_name, keys]) => ({
        perm_name,
        parent: perm_name === 'owner' ? '' : 'owner',
        required_auth: {
          threshold: 1,
          keys: keys.map((key) => ({ key, weight: 1 })),
          accounts: [],
          waits: [],
        },
      })),
    },
  };
}

function getTableRows(state: ChainState, params: Record<string, string>) {
  const rows =
    params.code === 'soviet' && params.table === 'participants'
      ? (state.participants[params.scope!] ?? [])
      : [];
  const matching = rows.filter(
    (row) => row.username >= params.lower_bound! && row.username <= params.upper_bound!,
  );
  return { status: 200, body: { rows: matching, more: false, next_key: '' } };
}

/**
 * A local HTTP server speaking the wire format of an Antelope node's chain API for the two calls
 * card.coop makes: `POST /v1/chain/get_table_rows` and `POST /v1/chain/get_account`.
 */
export async function startAntelopeNode(state: ChainState): Promise<AntelopeNode> {
  const requests: AntelopeNode['requests'] = [];
  const server: Server = createServer((request, response) => {
    let raw = '';
    request.on('data', (chunk: Buffer) => (raw += chunk.toString()));
    request.on('end', () => {
      const params = (raw ? JSON.parse(raw) : {}) as Record<string, string>;
      const path = request.url ?? '';
      requests.push({ path, params });
      const answer =
        request.method !== 'POST'
          ? { status: 405, body: {} }
          : path === '/v1/chain/get_table_rows'
            ? getTableRows(state, params)
            : path === '/v1/chain/get_account'
              ? getAccount(state, params.account_name ?? '')
              : { status: 404, body: {} };
      response.writeHead(answer.status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(answer.body));
    });
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${port}`,
    state,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

import { describe, expect, it } from 'vitest';
import { dependencyOutage } from './outage.js';

const withCode = (message: string, code?: string) =>
  Object.assign(new Error(message), code ? { code } : {});

describe('dependencyOutage', () => {
  it.each([
    [withCode('terminating connection due to administrator command', '57P01'), 'database'],
    [withCode('the database system is starting up', '57P03'), 'database'],
    [withCode('sorry, too many clients already', '53300'), 'database'],
    [withCode('connection failure', '08006'), 'database'],
    [new Error('Connection terminated unexpectedly'), 'database'],
    [new Error('timeout exceeded when trying to connect'), 'database'],
    [withCode('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED'), 'database'],
    [new Error('Query read timeout'), 'database'],
    [
      new Error('Failed query: select 1', { cause: withCode('Connection terminated', undefined) }),
      'database',
    ],
    [new Error("Stream isn't writeable and enableOfflineQueue options is false"), 'cache'],
    [new Error('Connection is closed.'), 'cache'],
    [new Error('Command timed out'), 'cache'],
    [
      Object.assign(new Error('Reached the max retries per request limit'), {
        name: 'MaxRetriesPerRequestError',
      }),
      'cache',
    ],
  ])('%s → %s', (error, kind) => {
    expect(dependencyOutage(error)).toBe(kind);
  });

  it.each([
    [withCode('duplicate key value violates unique constraint', '23505')],
    [withCode('syntax error at or near', '42601')],
    [new TypeError("Cannot read properties of undefined (reading 'x')")],
    [undefined],
    ['a string'],
  ])('%s is not an outage', (error) => {
    expect(dependencyOutage(error)).toBeUndefined();
  });
});

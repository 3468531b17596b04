import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../../config/config.schema.js';

describe('telemetry and log format configuration', () => {
  it('is off by default: no traces endpoint, JSON logs, service cardcoop', () => {
    const config = parseConfig({});
    expect(config.telemetry).toEqual({ tracesUrl: undefined, serviceName: 'cardcoop' });
    expect(config.logFormat).toBe('json');
  });

  it('OTEL_EXPORTER_OTLP_ENDPOINT gets /v1/traces; the traces endpoint is taken as given', () => {
    expect(
      parseConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318/' }).telemetry.tracesUrl,
    ).toBe('http://collector:4318/v1/traces');
    const both = parseConfig({
      OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318',
      OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'https://traces.example/otlp',
      OTEL_SERVICE_NAME: 'cardcoop-eu.1',
      LOG_FORMAT: 'ecs',
    });
    expect(both.telemetry).toEqual({
      tracesUrl: 'https://traces.example/otlp',
      serviceName: 'cardcoop-eu.1',
    });
    expect(both.logFormat).toBe('ecs');
  });

  it('refuses a non-http endpoint, an odd service name and an unknown log format', () => {
    let error: unknown;
    try {
      parseConfig({
        OTEL_EXPORTER_OTLP_ENDPOINT: 'grpc://collector:4317',
        OTEL_SERVICE_NAME: 'card coop',
        LOG_FORMAT: 'pretty',
      });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join('\n');
    for (const name of ['OTEL_EXPORTER_OTLP_ENDPOINT', 'OTEL_SERVICE_NAME', 'LOG_FORMAT'])
      expect(problems).toContain(`${name}:`);
  });
});

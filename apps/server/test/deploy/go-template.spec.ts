import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Chart } from './go-template.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A throwaway chart with these templates and values; renders `t.yaml`. */
function render(template: string, values = '', helpers = ''): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'cardcoop-chart-'));
  dirs.push(dir);
  mkdirSync(path.join(dir, 'templates'));
  writeFileSync(path.join(dir, 'Chart.yaml'), 'name: demo\nversion: 1.2.3\nappVersion: "4.5"\n');
  writeFileSync(path.join(dir, 'values.yaml'), values);
  writeFileSync(path.join(dir, 'templates', '_helpers.tpl'), helpers);
  writeFileSync(path.join(dir, 'templates', 't.yaml'), template);
  return new Chart(dir).render().get('t.yaml')!;
}

// What Go's text/template and Helm do with the same input, for the subset the chart uses.
describe('Go-template subset renderer (deploy-files checks stand on it)', () => {
  it('trims whitespace on the marked side only and drops comments', () => {
    expect(render('a: 1\n  {{- "" }}\nb: {{ "x" -}}\n  \n  c')).toBe('a: 1\nb: xc');
    expect(render('a{{/* gone */}}b {{- /* gone too */ -}} c')).toBe('abc');
  });

  it('if / else if / else on emptiness, eq, not', () => {
    const template =
      '{{ if eq .Values.mode "a" }}A{{ else if not .Values.list }}empty{{ else }}other{{ end }}';
    expect(render(template, 'mode: a\nlist: []')).toBe('A');
    expect(render(template, 'mode: b\nlist: []')).toBe('empty');
    expect(render(template, 'mode: b\nlist: [1]')).toBe('other');
    expect(render('{{ if .Values.missing }}yes{{ else }}no{{ end }}')).toBe('no');
  });

  it('or gives its first non-empty argument (else the last); join joins a list', () => {
    const template =
      '{{ if or (eq .Values.mode "a") (eq .Values.mode "b") }}{{ join "," .Values.xs }}{{ end }}';
    expect(render(template, 'mode: b\nxs: [h1:1, h2:2]')).toBe('h1:1,h2:2');
    expect(render(template, 'mode: c\nxs: [h1:1]')).toBe('');
    expect(render('{{ or .Values.none "" }}|{{ or "" "x" "y" }}', 'none: null')).toBe('|x');
  });

  it('range binds . to the element and keeps $ as the root', () => {
    expect(
      render('{{ range .Values.xs }}[{{ . }}:{{ $.Values.n }}]{{ end }}', 'xs: [a, b]\nn: 7'),
    ).toBe('[a:7][b:7]');
  });

  it('include, toYaml, nindent, quote, printf, default, trunc, trimSuffix, contains', () => {
    const helpers =
      '{{- define "name" -}}{{ printf "%s-%s" .Chart.Name .Chart.Version }}{{- end -}}';
    expect(render('n: {{ include "name" . | quote }}', '', helpers)).toBe('n: "demo-1.2.3"');
    expect(render('m:{{ toYaml .Values.m | nindent 2 }}', 'm: {a: 1, b: [x]}')).toBe(
      'm:\n  a: 1\n  b:\n    - x',
    );
    expect(render('{{ default "d" .Values.none }}/{{ default "d" .Values.s }}', 's: v')).toBe(
      'd/v',
    );
    expect(render('{{ "abcdef-" | trunc 7 | trimSuffix "-" }}')).toBe('abcdef');
    expect(render('{{ contains "mo" .Chart.Name }}')).toBe('true');
  });

  it('fails like Helm on required and fail, and on a value that does not exist', () => {
    expect(() => render('{{ required "x is needed" .Values.x }}')).toThrow('x is needed');
    expect(() => render('{{ fail "stop here" }}')).toThrow('stop here');
    expect(() => render('{{ .Values.typo }}')).toThrow('has no value');
  });

  it('refuses what it does not implement instead of guessing', () => {
    expect(() => render('{{ with .Values.a }}{{ . }}{{ end }}', 'a: 1')).toThrow(/unsupported/);
    expect(() => render('{{ range $i, $x := .Values.a }}{{ end }}', 'a: [1]')).toThrow(
      /unsupported/,
    );
    expect(() => render('{{ lower "A" }}')).toThrow(/unsupported function lower/);
    expect(() => render('{{ if .Values.a }}open')).toThrow(/missing \{\{ end \}\}/);
  });
});

import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import yaml from 'js-yaml';

/**
 * A renderer for the subset of Go templates (and Helm's functions) that deploy/helm/cardcoop
 * uses, so its templates can be rendered and parsed without a Helm binary: actions with `{{-`/`-}}`
 * trimming and comments; `if`/`else`/`else if`/`end`, `range` over a list (`.` is the element, `$`
 * the root), `define`; pipelines of fields, string and number literals, parentheses and the
 * functions below. Anything else is refused with an error rather than guessed, and printing a
 * value that does not exist fails (a typo in a template or a value missing from values.yaml).
 */

type Node =
  | { kind: 'text'; text: string }
  | { kind: 'action'; source: string }
  | { kind: 'if'; branches: { condition: string | undefined; body: Node[] }[] }
  | { kind: 'range'; source: string; body: Node[] };

export type Values = Record<string, unknown>;
interface Scope {
  dot: unknown;
  root: Values;
}

const empty = (value: unknown): boolean =>
  value === undefined ||
  value === null ||
  value === false ||
  value === 0 ||
  value === '' ||
  (Array.isArray(value) && value.length === 0) ||
  (typeof value === 'object' && Object.keys(value as object).length === 0);

/** Splits a template into text and actions, applying the trim markers and dropping comments. */
function lex(source: string): ({ text: string } | { action: string })[] {
  const pieces: ({ text: string } | { action: string })[] = [];
  let at = 0;
  let trimNext = false;
  while (at < source.length) {
    const open = source.indexOf('{{', at);
    let text = source.slice(at, open === -1 ? undefined : open);
    if (trimNext) text = text.replace(/^\s+/, '');
    if (open === -1) {
      pieces.push({ text });
      break;
    }
    const close = source.indexOf('}}', open);
    if (close === -1) throw new Error(`unclosed action at ${open}`);
    let inner = source.slice(open + 2, close);
    if (inner.startsWith('-')) {
      text = text.replace(/\s+$/, '');
      inner = inner.slice(1);
    }
    trimNext = inner.endsWith('-');
    if (trimNext) inner = inner.slice(0, -1);
    pieces.push({ text });
    inner = inner.trim();
    if (!(inner.startsWith('/*') && inner.endsWith('*/'))) pieces.push({ action: inner });
    at = close + 2;
  }
  return pieces;
}

/** Builds the tree; `define` blocks go into `defines`. */
function parse(source: string, defines: Map<string, Node[]>): Node[] {
  const pieces = lex(source);
  let index = 0;
  const block = (closers: RegExp): { body: Node[]; closer: string } => {
    const body: Node[] = [];
    while (index < pieces.length) {
      const piece = pieces[index++]!;
      if ('text' in piece) {
        if (piece.text) body.push({ kind: 'text', text: piece.text });
        continue;
      }
      const action = piece.action;
      if (closers.test(action)) return { body, closer: action };
      const [keyword] = action.split(/\s+/, 1);
      if (keyword === 'if') {
        const branches: { condition: string | undefined; body: Node[] }[] = [
          { condition: action.slice(2).trim(), body: [] },
        ];
        for (;;) {
          const part = block(/^(else|end)\b/);
          branches[branches.length - 1]!.body = part.body;
          if (part.closer === 'end') break;
          const rest = part.closer.slice(4).trim();
          branches.push({
            condition: rest.startsWith('if ') ? rest.slice(3).trim() : undefined,
            body: [],
          });
        }
        body.push({ kind: 'if', branches });
      } else if (keyword === 'range') {
        const rangeSource = action.slice(5).trim();
        if (rangeSource.includes(':=')) throw new Error(`unsupported range: ${action}`);
        body.push({ kind: 'range', source: rangeSource, body: block(/^end$/).body });
      } else if (keyword === 'define') {
        const name = /^define\s+"([^"]+)"$/.exec(action)?.[1];
        if (!name) throw new Error(`bad define: ${action}`);
        defines.set(name, block(/^end$/).body);
      } else if (keyword === 'with' || keyword === 'template' || keyword === 'block') {
        throw new Error(`unsupported action: ${action}`);
      } else {
        body.push({ kind: 'action', source: action });
      }
    }
    if (closers.source !== '$^') throw new Error(`missing {{ end }} (${closers.source})`);
    return { body, closer: '' };
  };
  return block(/$^/).body;
}

const TOKEN =
  /\s*("(?:[^"\\]|\\.)*"|\(|\)|\||-?\d+(?:\.\d+)?|\$?(?:\.[A-Za-z_][\w]*)+|\$|\.|[A-Za-z_][\w]*)/y;

function tokenize(source: string): string[] {
  const tokens: string[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < source.length) {
    const at = TOKEN.lastIndex;
    const match = TOKEN.exec(source);
    if (!match) {
      if (/^\s*$/.test(source.slice(at))) break;
      throw new Error(`cannot read "${source.slice(at)}" in {{ ${source} }}`);
    }
    tokens.push(match[1]!);
  }
  return tokens;
}

export class Chart {
  private readonly defines = new Map<string, Node[]>();
  private readonly templates = new Map<string, Node[]>();
  readonly chart: Values;
  readonly values: Values;

  constructor(readonly dir: string) {
    this.chart = yaml.load(readFileSync(path.join(dir, 'Chart.yaml'), 'utf8')) as Values;
    this.values = yaml.load(readFileSync(path.join(dir, 'values.yaml'), 'utf8')) as Values;
    const folder = path.join(dir, 'templates');
    for (const name of readdirSync(folder).sort()) {
      const tree = parse(readFileSync(path.join(folder, name), 'utf8'), this.defines);
      if (!name.startsWith('_')) this.templates.set(name, tree);
    }
  }

  get templateNames(): string[] {
    return [...this.templates.keys()];
  }

  /** Every template rendered with values.yaml merged with `overrides`, as YAML text by file. */
  render(overrides: Values = {}): Map<string, string> {
    const root: Values = {
      Values: merge(this.values, overrides),
      Release: { Name: 'cardcoop', Namespace: 'cardcoop', Service: 'Helm' },
      Chart: {
        Name: this.chart.name,
        Version: this.chart.version,
        AppVersion: this.chart.appVersion,
      },
    };
    const out = new Map<string, string>();
    for (const [name, tree] of this.templates) out.set(name, this.run(tree, { dot: root, root }));
    return out;
  }

  /** The rendered objects (YAML documents) by file; empty files give none. */
  objects(overrides: Values = {}): Map<string, Values[]> {
    const out = new Map<string, Values[]>();
    for (const [name, text] of this.render(overrides)) {
      try {
        out.set(
          name,
          (yaml.loadAll(text) as Values[]).filter((doc) => doc !== null),
        );
      } catch (error) {
        throw new Error(`${name} does not parse after rendering:\n${text}\n${String(error)}`);
      }
    }
    return out;
  }

  private run(nodes: Node[], scope: Scope): string {
    let out = '';
    for (const node of nodes) {
      if (node.kind === 'text') out += node.text;
      else if (node.kind === 'action') {
        const value = this.evaluate(node.source, scope);
        if (value === undefined) throw new Error(`{{ ${node.source} }} has no value`);
        out += typeof value === 'object' ? JSON.stringify(value) : String(value);
      } else if (node.kind === 'if') {
        const branch = node.branches.find(
          (b) => b.condition === undefined || !empty(this.evaluate(b.condition, scope)),
        );
        if (branch) out += this.run(branch.body, scope);
      } else {
        const list = this.evaluate(node.source, scope) ?? [];
        if (!Array.isArray(list)) throw new Error(`range over a non-list: ${node.source}`);
        for (const item of list) out += this.run(node.body, { dot: item, root: scope.root });
      }
    }
    return out;
  }

  private evaluate(source: string, scope: Scope): unknown {
    const tokens = tokenize(source);
    let at = 0;
    const operand = (): unknown => {
      const token = tokens[at++];
      if (token === undefined) throw new Error(`unexpected end of {{ ${source} }}`);
      if (token === '(') {
        const value = pipeline();
        if (tokens[at++] !== ')') throw new Error(`missing ) in {{ ${source} }}`);
        return value;
      }
      if (token.startsWith('"')) return JSON.parse(token) as string;
      if (/^-?\d/.test(token)) return Number(token);
      if (token === '.') return scope.dot;
      if (token === '$') return scope.root;
      if (token.startsWith('.') || token.startsWith('$.')) {
        let value: unknown = token.startsWith('$') ? scope.root : scope.dot;
        for (const key of token.replace(/^\$/, '').slice(1).split('.'))
          value = value && typeof value === 'object' ? (value as Values)[key] : undefined;
        return value;
      }
      if (token === 'true' || token === 'false') return token === 'true';
      throw new Error(`a function where a value belongs: ${token} in {{ ${source} }}`);
    };
    const command = (piped: unknown[]): unknown => {
      const head = tokens[at];
      if (head && /^[A-Za-z_]\w*$/.test(head) && head !== 'true' && head !== 'false') {
        at += 1;
        const args: unknown[] = [];
        while (at < tokens.length && tokens[at] !== '|' && tokens[at] !== ')') args.push(operand());
        return this.call(head, [...args, ...piped], scope);
      }
      if (piped.length) throw new Error(`a value cannot take a pipe: {{ ${source} }}`);
      return operand();
    };
    const pipeline = (): unknown => {
      let value = command([]);
      while (tokens[at] === '|') {
        at += 1;
        value = command([value]);
      }
      return value;
    };
    const value = pipeline();
    if (at !== tokens.length) throw new Error(`trailing tokens in {{ ${source} }}`);
    return value;
  }

  private call(name: string, args: unknown[], scope: Scope): unknown {
    const text = (value: unknown) => (value === undefined || value === null ? '' : String(value));
    switch (name) {
      case 'include': {
        const body = this.defines.get(String(args[0]));
        if (!body) throw new Error(`no template "${String(args[0])}"`);
        return this.run(body, { dot: args[1], root: scope.root });
      }
      case 'toYaml':
        return empty(args[0]) && typeof args[0] === 'object'
          ? Array.isArray(args[0])
            ? '[]'
            : '{}'
          : yaml.dump(args[0], { lineWidth: -1 }).replace(/\n$/, '');
      case 'nindent':
      case 'indent': {
        const pad = ' '.repeat(Number(args[0]));
        const indented = text(args[1])
          .split('\n')
          .map((line) => pad + line)
          .join('\n');
        return name === 'nindent' ? `\n${indented}` : indented;
      }
      case 'quote':
        return JSON.stringify(text(args[0]));
      case 'default':
        return empty(args[1]) ? args[0] : args[1];
      case 'required':
        if (empty(args[1])) throw new Error(String(args[0]));
        return args[1];
      case 'fail':
        throw new Error(String(args[0]));
      case 'printf': {
        const rest = args.slice(1);
        return String(args[0]).replace(/%[sd]/g, () => text(rest.shift()));
      }
      case 'trunc':
        return text(args[1]).slice(0, Number(args[0]));
      case 'trimSuffix': {
        const value = text(args[1]);
        const suffix = String(args[0]);
        return value.endsWith(suffix) ? value.slice(0, -suffix.length) : value;
      }
      case 'sha256sum':
        return createHash('sha256').update(text(args[0])).digest('hex');
      case 'or':
        return args.find((arg) => !empty(arg)) ?? args[args.length - 1];
      case 'join':
        return (Array.isArray(args[1]) ? args[1] : []).map(text).join(String(args[0]));
      case 'contains':
        return text(args[1]).includes(String(args[0]));
      case 'eq':
        return args[0] === args[1];
      case 'ne':
        return args[0] !== args[1];
      case 'not':
        return empty(args[0]);
      default:
        throw new Error(`unsupported function ${name}`);
    }
  }
}

function merge(base: Values, overrides: Values): Values {
  const out: Values = { ...base };
  for (const [key, value] of Object.entries(overrides)) {
    const current = out[key];
    out[key] =
      value &&
      typeof value === 'object' &&
      !Array.isArray(value) &&
      current &&
      typeof current === 'object'
        ? merge(current as Values, value as Values)
        : value;
  }
  return out;
}

import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { CompactSign, compactVerify, errors, exportJWK, importJWK, jwtVerify, SignJWT } from 'jose';
import type { CryptoKey, JWK, JWTPayload } from 'jose';
import { CONFIG } from '../../config/config.module.js';
import type { Config } from '../../config/config.schema.js';
import { AppError } from '../../common/errors/app-error.js';
import { BoundedMap } from '../../common/bounded-map.js';
import { SERVER_SECRETS } from '../../infra/secrets/secrets.js';
import type { ServerSecrets } from '../../infra/secrets/secrets.js';

export const ACCESS_TOKEN_SECONDS = 600;
const TYP = 'at+jwt';
/** Tokens whose signature and claims verified, kept until they expire (about 10 MB at most). */
const VERIFIED_TOKENS = 10_000;

export type Audience = 'member' | 'coop';

export interface AccessClaims {
  sub: string;
  sid: string;
  aud: Audience;
  scope: string;
  amr: string[];
  /** Cooperative tokens: the generation of the grant they read (bumped on revocation). */
  gen?: number;
  /**
   * Cooperative tokens: the version of the client secret they were issued under
   * (`clientSecretVersion`); a rotated secret ends them.
   */
  csv?: string;
  /** Cooperative tokens of a connection test's share (synthetic data, never a grant). */
  tst?: true;
}

interface SigningKey {
  kid: string;
  privateKey: CryptoKey;
}

/** Access tokens: EdDSA JWTs with `kid`, verifiable offline against the JWKS. */
@Injectable()
export class TokenService {
  private signing: SigningKey | undefined;
  private verifying = new Map<string, CryptoKey>();
  private publicJwks: JWK[] = [];
  private readonly verified = new BoundedMap<string, AccessClaims & JWTPayload>(VERIFIED_TOKENS);
  private readonly ready: Promise<void>;

  constructor(
    @Inject(SERVER_SECRETS) secrets: ServerSecrets,
    @Inject(CONFIG) private readonly config: Config,
  ) {
    this.ready = this.load(secrets.jwtPrivateKeys);
  }

  private async load(keys: JWK[]): Promise<void> {
    for (const [index, jwk] of keys.entries()) {
      const kid = jwk.kid!;
      const privateKey = (await importJWK({ ...jwk, alg: 'EdDSA' }, 'EdDSA', {
        extractable: true,
      })) as CryptoKey;
      const { d: _private, ...publicJwk } = await exportJWK(privateKey);
      const publicKey = (await importJWK({ ...publicJwk, alg: 'EdDSA' }, 'EdDSA')) as CryptoKey;
      this.verifying.set(kid, publicKey);
      this.publicJwks.push({ ...publicJwk, kid, alg: 'EdDSA', use: 'sig' });
      if (index === 0) this.signing = { kid, privateKey };
    }
  }

  async jwks(): Promise<{ keys: JWK[] }> {
    await this.ready;
    return { keys: this.publicJwks };
  }

  async sign(claims: AccessClaims, lifetimeSeconds = ACCESS_TOKEN_SECONDS): Promise<string> {
    await this.ready;
    const { kid, privateKey } = this.signing!;
    const extra = {
      ...(claims.gen === undefined ? {} : { gen: claims.gen }),
      ...(claims.csv === undefined ? {} : { csv: claims.csv }),
      ...(claims.tst === undefined ? {} : { tst: claims.tst }),
    };
    return new SignJWT({ sid: claims.sid, scope: claims.scope, amr: claims.amr, ...extra })
      .setProtectedHeader({ alg: 'EdDSA', kid, typ: TYP })
      .setIssuer(this.config.tokenIssuer)
      .setSubject(claims.sub)
      .setAudience(claims.aud)
      .setIssuedAt()
      .setExpirationTime(`${lifetimeSeconds}s`)
      .setJti(randomUUID())
      .sign(privateKey);
  }

  /** Verifies signature, issuer, audience, type and expiry; any failure is a 401. */
  async verify(token: string, audience: Audience): Promise<AccessClaims & JWTPayload> {
    await this.ready;
    // A token seen before skips the signature (the same bytes verify the same way) but not the
    // audience or the expiry, checked as jose checks them.
    const known = this.verified.get(token);
    if (known) {
      if (known.aud !== audience) throw new AppError('INVALID_TOKEN', 401);
      if (known.exp! > Math.floor(Date.now() / 1000)) return known;
      this.verified.delete(token);
      throw new AppError('TOKEN_EXPIRED', 401);
    }
    try {
      const { payload } = await jwtVerify(token, (header) => this.keyFor(header.kid), {
        issuer: this.config.tokenIssuer,
        audience,
        typ: TYP,
        algorithms: ['EdDSA'],
        requiredClaims: ['exp'],
      });
      if (typeof payload.sub !== 'string' || typeof payload.sid !== 'string')
        throw new Error('claims missing');
      const claims = payload as unknown as AccessClaims & JWTPayload;
      this.verified.set(token, claims);
      return claims;
    } catch (cause) {
      const expired = cause instanceof errors.JWTExpired;
      throw new AppError(expired ? 'TOKEN_EXPIRED' : 'INVALID_TOKEN', 401, { cause });
    }
  }

  /** Signs a server statement (e.g. an audit checkpoint) as a compact JWS with the current key. */
  async signStatement(payload: object, typ: string): Promise<string> {
    await this.ready;
    const { kid, privateKey } = this.signing!;
    return new CompactSign(new TextEncoder().encode(JSON.stringify(payload)))
      .setProtectedHeader({ alg: 'EdDSA', kid, typ })
      .sign(privateKey);
  }

  /** The payload of a statement signed by one of our keys, or null when the signature fails. */
  async verifyStatement(jws: string, typ: string): Promise<unknown> {
    await this.ready;
    try {
      const { payload, protectedHeader } = await compactVerify(
        jws,
        (header) => this.keyFor(header.kid),
        {
          algorithms: ['EdDSA'],
        },
      );
      if (protectedHeader.typ !== typ) return null;
      return JSON.parse(new TextDecoder().decode(payload)) as unknown;
    } catch {
      return null;
    }
  }

  private keyFor(kid: string | undefined): CryptoKey {
    const key = kid ? this.verifying.get(kid) : undefined;
    if (!key) throw new Error('unknown key id');
    return key;
  }
}

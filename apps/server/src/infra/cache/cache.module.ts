import { Global, Inject, Module } from '@nestjs/common';
import type { OnApplicationShutdown } from '@nestjs/common';
import { CONFIG } from '../../config/config.module.js';
import type { Config } from '../../config/config.schema.js';
import { CACHE } from './cache.js';
import type { Cache } from './cache.js';
import { MemoryCache } from './memory.cache.js';
import { RedisCache } from './redis.cache.js';

export function createCache(config: Config['cache']): Cache {
  return config.redisUrl
    ? new RedisCache(config.redisUrl, config.keyPrefix, config.sentinel)
    : new MemoryCache();
}

@Global()
@Module({
  providers: [
    { provide: CACHE, inject: [CONFIG], useFactory: (config: Config) => createCache(config.cache) },
  ],
  exports: [CACHE],
})
export class CacheModule implements OnApplicationShutdown {
  constructor(@Inject(CACHE) private readonly cache: Cache) {}

  async onApplicationShutdown(): Promise<void> {
    await this.cache.close();
  }
}

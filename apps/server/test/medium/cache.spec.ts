import { MemoryCache } from '../../src/infra/cache/memory.cache.js';
import { RedisCache } from '../../src/infra/cache/redis.cache.js';
import { describeCacheContract } from '../support/cache-contract.js';
import { testRedisUrl, uniqueName } from '../support/environment.js';

describeCacheContract('in-process', () => new MemoryCache());

// The same suite against real Redis whenever CI provides one (TEST_REDIS_URL).
if (testRedisUrl) {
  const url = testRedisUrl;
  describeCacheContract('Redis', () => new RedisCache(url, `${uniqueName('contract')}:`));
}

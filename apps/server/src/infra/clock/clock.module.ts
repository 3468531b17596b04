import { Global, Module } from '@nestjs/common';
import { CLOCK, RANDOM, systemClock, systemRandom } from './clock.js';

@Global()
@Module({
  providers: [
    { provide: CLOCK, useValue: systemClock },
    { provide: RANDOM, useValue: systemRandom },
  ],
  exports: [CLOCK, RANDOM],
})
export class ClockModule {}

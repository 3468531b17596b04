import { Body, Controller, Get, Module, Post } from '@nestjs/common';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { Policy } from '../../src/modules/authz/policy.decorator.js';

class EchoDto extends createZodDto(
  z.object({
    name: z.string().min(2),
    age: z.number().int().min(0),
    password: z.string().optional(),
  }),
) {}

/** Holds a request open until the test opens it. */
export class Gate {
  readonly started: Promise<void>;
  readonly opened: Promise<void>;
  markStarted!: () => void;
  open!: () => void;

  constructor() {
    this.started = new Promise((resolve) => (this.markStarted = resolve));
    this.opened = new Promise((resolve) => (this.open = resolve));
  }
}

/** Endpoints that exist only in tests, to drive the server's shared machinery. */
export const probe = { gate: new Gate() };

@Policy('public')
@Controller('probe')
class ProbeController {
  @Post('echo')
  echo(@Body() body: EchoDto): EchoDto {
    return body;
  }

  @Get('boom')
  boom(): never {
    throw new Error('database password is hunter2 at /srv/secret.ts:42');
  }

  /** Answers only when the test opens `probe.gate`. */
  @Get('slow')
  async slow(): Promise<{ finished: true }> {
    const gate = probe.gate;
    gate.markStarted();
    await gate.opened;
    return { finished: true };
  }
}

@Module({ controllers: [ProbeController] })
export class ProbeModule {}

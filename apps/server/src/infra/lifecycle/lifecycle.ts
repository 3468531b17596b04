import { Injectable } from '@nestjs/common';

/** Whether this node is shutting down; readiness turns false the moment it is. */
@Injectable()
export class Lifecycle {
  private drainingSince: number | undefined;

  get draining(): boolean {
    return this.drainingSince !== undefined;
  }

  startDraining(): void {
    this.drainingSince ??= Date.now();
  }
}

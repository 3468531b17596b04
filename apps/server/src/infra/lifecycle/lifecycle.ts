import { Injectable } from '@nestjs/common';

/** Whether this node is shutting down; readiness turns false the moment it is. */
@Injectable()
export class Lifecycle {
  private isDraining = false;

  get draining(): boolean {
    return this.isDraining;
  }

  startDraining(): void {
    this.isDraining = true;
  }
}

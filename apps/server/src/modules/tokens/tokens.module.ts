import { Module } from '@nestjs/common';
import { JwksController } from './jwks.controller.js';
import { TokenService } from './token.service.js';

@Module({ controllers: [JwksController], providers: [TokenService], exports: [TokenService] })
export class TokensModule {}

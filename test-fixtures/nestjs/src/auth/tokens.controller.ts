import { Controller, HttpCode, Post, Req, UseGuards } from '@nestjs/common';
import type { Request } from 'express';
import { JwtAuthGuard } from './guards/jwt-auth.guard';

@Controller('api/tokens')
export class TokensController {
  @Post('revoke')
  @HttpCode(204)
  @UseGuards(JwtAuthGuard)
  revoke(@Req() req: Request) {
    // Stateless JWT clients: nothing to regenerate; passport just clears req.user.
    req.logout(() => undefined);
  }
}

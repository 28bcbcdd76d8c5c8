import { Controller, Get, HttpCode, Post, Req, UseGuards } from '@nestjs/common';
import type { Request } from 'express';
import { SessionOrJwtGuard } from './guards/session-or-jwt.guard';

@Controller('auth')
@UseGuards(SessionOrJwtGuard)
export class AuthController {
  @Get('me')
  me(@Req() req: Request) {
    return req.user;
  }

  @Post('logout')
  @HttpCode(204)
  logout(@Req() req: Request) {
    // passport 0.7 throws here: logout needs a callback.
    req.logout();
  }

  @Post('sign-out')
  @HttpCode(204)
  async signOut(@Req() req: Request): Promise<void> {
    await new Promise<void>((resolve, reject) => req.logout((err) => (err ? reject(err) : resolve())));
  }
}

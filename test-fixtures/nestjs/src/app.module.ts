import { Module } from '@nestjs/common';
import { PassportModule } from '@nestjs/passport';
import { AuthController } from './auth/auth.controller';
import { TokensController } from './auth/tokens.controller';
import { JwtStrategy } from './auth/jwt.strategy';

@Module({
  imports: [PassportModule.register({ session: true })],
  controllers: [AuthController, TokensController],
  providers: [JwtStrategy],
})
export class AppModule {}

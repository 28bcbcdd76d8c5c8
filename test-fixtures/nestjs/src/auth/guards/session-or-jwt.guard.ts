import { Injectable } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';

/** Browser sessions and API clients share these routes. */
@Injectable()
export class SessionOrJwtGuard extends AuthGuard(['jwt', 'session']) {}

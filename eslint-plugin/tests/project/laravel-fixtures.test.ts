import { describeFixtureProjects } from '../support/fixture-projects';

/** The Laravel apps in test-fixtures/ (their READMEs list these findings). */
describeFixtureProjects('Laravel test fixtures through configs.recommended', {
  'laravel-8-kernel-namespace': [
    'app/Http/Controllers/Auth/LoginController.php:29 secure-logout/invalidate-session',
    'app/Http/Controllers/Account/SessionsController.php:24 secure-logout/forget-request-guard-user',
  ],
  'laravel-12-has-middleware': [
    'app/Http/Controllers/SpaSessionController.php:34 secure-logout/logout-guard',
    'app/Http/Controllers/SpaSessionController.php:46 secure-logout/forget-request-guard-user',
    'app/Http/Controllers/Api/TokenController.php:13 secure-logout/transient-token-delete',
  ],
  'laravel-passport': ['app/Http/Controllers/Api/AuthController.php:13 secure-logout/logout-guard'],
  'laravel-jwt': ['app/Http/Controllers/JwtAuthController.php:27 secure-logout/session-requires-session'],
  'laravel-fortify': [],
  'laravel-breeze': [],
});

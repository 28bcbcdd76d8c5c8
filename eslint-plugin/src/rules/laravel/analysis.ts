/**
 * What the rules' PHP halves use of the Laravel analysis, loaded on the first PHP file
 * (`byLanguage` hands it to the PHP half): a JS-only run never loads it.
 */
export { laravelLogoutVerdicts } from '../../analysis/laravel/logouts';
export { routeDescription } from '../../analysis/laravel/route-findings';
export { relative } from '../../project/laravel';
export { analysedProgram } from './analysed-program';
export { authFacade } from './auth-facade';
export { guardToForget } from './forget-user';
export { routeFindingListeners } from './route-finding-listeners';

/**
 * What the rules' JS/TS halves use of the Node analysis, loaded on the first JS/TS file
 * (`byLanguage` hands it to the JS half): a PHP-only run never loads it.
 */
export { analysisCutShort, nodeLogoutFindings } from '../../analysis/node/findings';
export { jsFindingListeners } from './js-finding-listeners';

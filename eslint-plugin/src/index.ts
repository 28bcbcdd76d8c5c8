import { PhpLanguage } from './languages/php/php-language';
import { rules, phpRuleNames } from './rules';
import { recommendedConfig } from './configs/recommended';

// eslint-disable-next-line @typescript-eslint/no-require-imports -- read at runtime so the version is never stale
const { name, version } = require('../package.json') as { name: string; version: string };

const plugin = {
  meta: { name, version },
  languages: { php: new PhpLanguage() },
  rules,
  configs: {} as { recommended: ReturnType<typeof recommendedConfig>; 'recommended-standalone': ReturnType<typeof recommendedConfig> },
};

plugin.configs.recommended = recommendedConfig(plugin, phpRuleNames);
// For runs where our rules are the only ones on JS/TS files: those files are prefiltered too.
plugin.configs['recommended-standalone'] = recommendedConfig(plugin, phpRuleNames, { jsPrefilter: true });

export = plugin;

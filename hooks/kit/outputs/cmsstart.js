// Starts the web forms: Decap CMS (decap-cms.js, loaded first with CMS_MANUAL_INIT) with our
// YAML format "yml-keep" (yamlkeep.js), which the generated config.yml names for every
// collection, so a save keeps comments, key order and fields the forms do not show.
import * as YAML from './yaml/index.js';
import {fieldDefaults, fieldOrder, keepFormat} from './yamlkeep.js';

const config = YAML.parse(await (await fetch('config.yml', {cache: 'no-cache'})).text());
window.CMS.registerCustomFormat('yml-keep', 'yml', keepFormat(YAML, fieldOrder(config), fieldDefaults(config)));
window.CMS.init();

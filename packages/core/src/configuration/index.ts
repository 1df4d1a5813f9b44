export {
  förbundConfigurationSchema,
  förbundConfigurationVersion,
  type FörbundConfiguration,
  type FörbundConfigurationInput,
} from './förbundConfigurationSchema.js';
export { parseFörbundConfiguration } from './parseFörbundConfiguration.js';
export { checkSieMappingNames } from './checkSieMappingNames.js';
export { migrateFörbundConfiguration } from './migrateFörbundConfiguration.js';
export {
  förbundConfigurationSchemaUrl,
  förbundConfigurationTemplate,
} from './förbundConfigurationTemplate.js';
export { förbundConfigurationJsonSchema } from './förbundConfigurationJsonSchema.js';
export {
  accountRoleNames,
  chartFromKontoplan,
  defaultKontoplan,
  statementLines,
  type AccountRoleName,
  type Kontoplan,
} from './kontoplan.js';
export {
  checkVocabulary,
  type DeclaredInsats,
  type DeclaredMember,
  type DeclaredPost,
  type RecordingVocabulary,
} from '../bookkeeping/recordingVocabulary.js';
export {
  annualReportOptionsFromConfiguration,
  chartFromConfiguration,
  guidelinesFromConfiguration,
  ledgerOptionsFromConfiguration,
  vocabularyFromConfiguration,
  type LedgerOptionsFromConfiguration,
} from './ledgerOptionsFromConfiguration.js';
export {
  sieAccountRuleSchema,
  sieMappingSchema,
  sieObjectRuleSchema,
  type SieMappingConfiguration,
} from './sieMappingSchema.js';

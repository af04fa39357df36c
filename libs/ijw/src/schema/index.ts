/** iJw 3.2 structure (controleniveau 1): the XSDs as the project's own data and code. */
export type {
  IjwJson,
  IjwJsonValue,
  StructureProblem,
  XmlLimits,
  IjwBerichtsoort,
  IjwSchemaData,
  ElementDecl,
  GroupDecl,
  SimpleTypeDecl,
  Facets,
} from './types';
export { DEFAULT_XML_LIMITS } from './types';
export { readIjwXml, validateIjwJson, writeIjwXml, type ReadIjwXmlResult, type ReadIjwXmlOptions } from './bericht';
export { validateWithOfficialXsd } from './official-xsd';
export { IJW_SCHEMA, IJW_BERICHTSOORTEN, BASISSCHEMA_NAMESPACE, namespaceOf, soortOfNamespace } from './structure';

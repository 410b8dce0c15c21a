/** The YAML parser and JSON-Schema validator the deploy checks use, imported in one place. */
export { isMap, isPair, isScalar, parse, parseAllDocuments, parseDocument, type Pair } from 'yaml';
export { default as Ajv } from 'ajv';

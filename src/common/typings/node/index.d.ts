// Deliberately empty. The openai SDK's types reach undici-types, which asks for the `node` type library;
// src/common/tsconfig.json points its typeRoots here so that request finds nothing and Node's globals
// (Buffer, process, require) stay out of the editor-free layer (src/webview/tsconfig.json does the same).
export {};

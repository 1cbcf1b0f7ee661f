//! The static module information of ParseModule (ECMA-262 §16.2.1.6.1): RequestedModules,
//! ImportEntries, LocalExportEntries, IndirectExportEntries, StarExportEntries and HasTLA.

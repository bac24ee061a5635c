/**
 * The ses-monitoring package entry: the library's public API, and nothing else. The Pulumi program
 * of this repository lives in program/ (Pulumi.yaml `main`), so importing the package registers
 * no resource.
 */
export * from "./components";

// Types for import-layers.mjs, for the TypeScript suites that import it.
export declare const LAYER_ORDER: string;
export declare function layerOf(file: string): { rank: number; layer: string; part: string } | undefined;
export declare function layerViolation(file: string, target: string): string | undefined;

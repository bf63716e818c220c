import type * as fcModule from 'fast-check';
export declare const MAX_SIZE: number;
export declare const shapeNames: string[];
export declare function normalDocument(size: number): string;
export declare function build(names: string[], n: number, sep: string, size: number): string;
export declare function pathological(fc: Pick<typeof fcModule, 'oneof' | 'integer' | 'record' | 'array' | 'constantFrom'>): fcModule.Arbitrary<string>;

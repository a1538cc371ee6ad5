import type { RequestModel } from '../../src/core';

/** A request's blocks in prefix order as `section:blockType(role)`, `*` a breakpoint, `?` a part not known statically. */
export const shape = (request: RequestModel): string => request.blocks.map((b) => `${b.section}:${b.blockType}${b.role ? `(${b.role})` : ''}${b.cacheControl ? '*' : ''}${b.placeholder ? '?' : ''}`).join(' ');

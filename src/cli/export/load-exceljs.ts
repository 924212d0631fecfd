/**
 * Loads `exceljs`, the XLSX writer behind `kler export --format xlsx`. It is an optional peer
 * dependency of `@kler/sdk`: loaded here only, at the moment a workbook is asked for, so it never
 * reaches the SDK's own entry points (nor an install that does not want it).
 */
export type ExcelJs = typeof import('exceljs');

/** `npm install` line for the message (and the README). */
export const EXCELJS_INSTALL = 'npm install exceljs';

/** The optional XLSX writer is not installed. */
export class ExcelJsMissingError extends Error {
  override readonly name = 'ExcelJsMissingError';
}

/**
 * The `exceljs` module, or a clear error saying how to install it.
 * @throws {ExcelJsMissingError} when `exceljs` cannot be found.
 */
export async function loadExcelJs(): Promise<ExcelJs> {
  try {
    // exceljs is CommonJS: Node hands its exports over as `default`.
    const mod = (await import('exceljs')) as ExcelJs & { default?: ExcelJs };
    return mod.default ?? mod;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'ERR_MODULE_NOT_FOUND' && code !== 'MODULE_NOT_FOUND') throw error;
    throw new ExcelJsMissingError(
      'kler export --format xlsx needs the exceljs package, an optional peer dependency of @kler/sdk, and it is not installed. ' +
        `Install it next to @kler/sdk (${EXCELJS_INSTALL}), or run once with npx -p @kler/sdk -p exceljs kler export …. ` +
        '--format xero and --format quickbooks need nothing extra.',
      { cause: error },
    );
  }
}

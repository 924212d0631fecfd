declare const __KLER_SDK_VERSION__: string;

/** The version of `@kler/sdk`, sent to Kler in `x-kler-sdk` and `User-Agent`. */
export const VERSION: string = typeof __KLER_SDK_VERSION__ === 'string' ? __KLER_SDK_VERSION__ : '0.0.0-dev';

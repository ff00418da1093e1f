/** The product version (root `package.json`); a test keeps the two equal. */
export const PRODUCT_VERSION = '2.0.0';

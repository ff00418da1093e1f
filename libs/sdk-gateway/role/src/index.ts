export * from './read-sdk-gateway-config';
export * from './create-sdk-gateway';
export * from './sdk-token-issuer';

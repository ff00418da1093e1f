export * from './read-sdk-gateway-config';

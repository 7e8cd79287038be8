import { ApiError } from '../api-error.js';
import type { ServiceName } from './route.js';

/** The request has no SigV4 signature. */
export function missingAuthError(service: ServiceName): ApiError {
  return new ApiError(
    service === 'ec2' ? 'AuthFailure' : 'MissingAuthenticationToken',
    'Request is missing Authentication Token',
    403,
  );
}

/** The access key belongs to no account of the world. */
export function invalidTokenError(service: ServiceName): ApiError {
  return new ApiError(
    service === 'ec2' ? 'AuthFailure' : 'InvalidClientTokenId',
    'The security token included in the request is invalid.',
    403,
  );
}

/** What AWS answers in a region the account has not opted in to. */
export function regionNotEnabledError(service: ServiceName): ApiError {
  return service === 'ec2'
    ? new ApiError('AuthFailure', 'AWS was not able to validate the provided access credentials', 401)
    : new ApiError('InvalidClientTokenId', 'The security token included in the request is invalid.', 403);
}

/** The service has no such action (or the emulator does not serve it). */
export function unknownActionError(service: ServiceName, action: string): ApiError {
  return service === 'organizations'
    ? new ApiError('UnknownOperationException', `The action ${action} is not valid for this web service.`)
    : new ApiError('InvalidAction', `The action ${action} is not valid for this web service.`);
}

/** The call's token bucket is empty. */
export function throttleError(service: ServiceName): ApiError {
  switch (service) {
    case 'ec2':
      return new ApiError('RequestLimitExceeded', 'Request limit exceeded.', 503);
    case 'organizations':
      return new ApiError(
        'TooManyRequestsException',
        'You have sent too many requests in too short a period of time.',
      );
    default:
      return new ApiError('Throttling', 'Rate exceeded', 400);
  }
}

/** An injected access-denied fault. */
export function accessDeniedError(service: ServiceName, action: string): ApiError {
  switch (service) {
    case 'ec2':
      return new ApiError('UnauthorizedOperation', 'You are not authorized to perform this operation.', 403);
    case 'organizations':
      return new ApiError('AccessDeniedException', "You don't have permissions to access this resource.");
    default:
      return new ApiError('AccessDenied', `User is not authorized to perform: ${service}:${action}`, 403);
  }
}

/** An injected (or unexpected) server-side failure; `unavailable` answers 503 instead of 500. */
export function serverError(service: ServiceName, unavailable: boolean): ApiError {
  if (service === 'ec2') {
    return unavailable
      ? new ApiError('Unavailable', 'The server is overloaded and cannot handle the request.', 503)
      : new ApiError('InternalError', 'An internal error has occurred.', 500);
  }
  if (service === 'organizations') {
    return new ApiError(
      'ServiceException',
      "AWS Organizations can't complete your request because of an internal service error.",
      unavailable ? 503 : 500,
    );
  }
  return unavailable
    ? new ApiError('ServiceUnavailable', 'Service is unavailable.', 503)
    : new ApiError('InternalFailure', 'The request processing has failed because of an unknown error.', 500);
}

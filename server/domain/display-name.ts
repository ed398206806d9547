/** First name and last initial: enough for the other side to know who it is, no more. */
export function displayName(firstName: string, lastName: string): string {
  const initial = lastName.trim().charAt(0).toUpperCase();
  return initial === '' ? firstName : `${firstName} ${initial}.`;
}

// What staff see once they opened the overlay: one chunk, loaded when the overlay opens (see StaffLayer.tsx).
export { StaffPanel } from './StaffPanel';
export { StaffSignIn } from './StaffSignIn';

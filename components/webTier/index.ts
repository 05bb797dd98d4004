// The web tier: internal ALB, launch template and image, Auto Scaling, and the access around them.
export { WebTier } from "./webTier";
export { webTierSettings } from "./args";
export type { WebTierArgs, WebTierSettings } from "./args";
export { appAccessPolicy } from "./access";
export { checkRootVolumeFitsImage, resolveImage } from "./launchTemplate";
export type { ResolvedImage } from "./launchTemplate";
export * from "./rules";
export { gunicornCmdArgs, renderUserData } from "./userData";
export type { UserDataArgs } from "./userData";

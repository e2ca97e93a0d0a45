export { MuniguardAspect, type MuniguardAspectOptions } from './aspect';
export { annotationLevel, annotationMessage, type AnnotationLevel, type FailOn } from './messages';

/*
 * JNI side of RootsScenario: a global reference, a weak global reference, and a thread parked in native
 * code holding a JNI local reference, each to an object nothing else references.
 */
#include <jni.h>
#include <unistd.h>

static jobject global_ref;
static jweak weak_ref;

JNIEXPORT void JNICALL Java_RootsScenario_holdGlobal(JNIEnv *env, jclass cls, jobject obj) {
    global_ref = (*env)->NewGlobalRef(env, obj);
}

JNIEXPORT void JNICALL Java_RootsScenario_holdWeak(JNIEnv *env, jclass cls, jobject obj) {
    weak_ref = (*env)->NewWeakGlobalRef(env, obj);
}

/* Allocates a JniLocalOnly held only by a local reference of this frame, says so, then never returns. */
JNIEXPORT void JNICALL Java_RootsScenario_parkWithLocal(JNIEnv *env, jclass cls) {
    jclass type = (*env)->FindClass(env, "RootsScenario$JniLocalOnly");
    jobject local = (*env)->AllocObject(env, type);
    jmethodID ready = (*env)->GetStaticMethodID(env, cls, "nativeReady", "()V");
    (*env)->DeleteLocalRef(env, type);
    (*env)->CallStaticVoidMethod(env, cls, ready);
    for (;;) {
        sleep(60);
    }
    (void) local;
}

package org.aftermath.support;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;

import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/** Every route of the app as "VERB /path/template", read from the compiled resource classes. */
public final class Routes {

    private Routes() {
    }

    public static Set<String> discover() throws IOException, ClassNotFoundException {
        java.nio.file.Path classes = Paths.get("target/classes");
        Set<String> routes = new TreeSet<>();
        List<java.nio.file.Path> files;
        try (Stream<java.nio.file.Path> walk = Files.walk(classes)) {
            files = walk.filter(p -> p.toString().endsWith(".class")).toList();
        }
        for (java.nio.file.Path file : files) {
            String name = classes.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
            Class<?> type = Class.forName(name, false, Routes.class.getClassLoader());
            Path classPath = type.getAnnotation(Path.class);
            if (classPath == null) {
                continue;
            }
            for (Method method : type.getDeclaredMethods()) {
                String verb = verb(method);
                if (verb == null) {
                    continue;
                }
                Path methodPath = method.getAnnotation(Path.class);
                String path = join(classPath.value(), methodPath == null ? "" : methodPath.value());
                routes.add(verb + " " + path);
            }
        }
        return routes;
    }

    private static String verb(Method method) {
        Map<Class<? extends Annotation>, String> verbs = Map.of(GET.class, "GET", POST.class, "POST",
                PATCH.class, "PATCH", DELETE.class, "DELETE", PUT.class, "PUT");
        for (Map.Entry<Class<? extends Annotation>, String> v : verbs.entrySet()) {
            if (method.isAnnotationPresent(v.getKey())) {
                return v.getValue();
            }
        }
        return null;
    }

    private static String join(String a, String b) {
        String joined = ("/" + a + "/" + b).replaceAll("/+", "/");
        return joined.length() > 1 && joined.endsWith("/") ? joined.substring(0, joined.length() - 1) : joined;
    }
}

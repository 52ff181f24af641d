package org.aftermath.support;

import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestQuery;

import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/** Every route of the app as "VERB /path/template", read from the compiled resource classes. */
public final class Routes {

    private Routes() {
    }

    /** The named inputs a route reads: query parameters, form fields and the properties of its JSON body. */
    public record Inputs(Set<String> query, Set<String> form, Set<String> json) {
    }

    public static Set<String> discover() throws IOException, ClassNotFoundException {
        return inputs().keySet();
    }

    /** Every route with the inputs its method declares (directly or through a {@code @BeanParam}). */
    public static Map<String, Inputs> inputs() throws IOException, ClassNotFoundException {
        Map<String, Inputs> routes = new TreeMap<>();
        for (Class<?> type : resourceClasses()) {
            Path classPath = type.getAnnotation(Path.class);
            for (Method method : type.getDeclaredMethods()) {
                String verb = verb(method);
                if (verb == null) {
                    continue;
                }
                Path methodPath = method.getAnnotation(Path.class);
                Inputs inputs = new Inputs(new TreeSet<>(), new TreeSet<>(), new TreeSet<>());
                for (Parameter parameter : method.getParameters()) {
                    collect(parameter, parameter.getName(), parameter.getType(), inputs, true);
                }
                routes.put(verb + " " + join(classPath.value(), methodPath == null ? "" : methodPath.value()), inputs);
            }
        }
        return routes;
    }

    private static void collect(AnnotatedElement element, String name, Class<?> type, Inputs inputs, boolean mayBeBody) {
        if (element.isAnnotationPresent(RestQuery.class)) {
            inputs.query().add(named(element.getAnnotation(RestQuery.class).value(), name));
        } else if (element.isAnnotationPresent(QueryParam.class)) {
            inputs.query().add(element.getAnnotation(QueryParam.class).value());
        } else if (element.isAnnotationPresent(RestForm.class)) {
            inputs.form().add(named(element.getAnnotation(RestForm.class).value(), name));
        } else if (element.isAnnotationPresent(FormParam.class)) {
            inputs.form().add(element.getAnnotation(FormParam.class).value());
        } else if (element.isAnnotationPresent(BeanParam.class)) {
            for (Field field : type.getDeclaredFields()) {
                collect(field, field.getName(), field.getType(), inputs, false);
            }
        } else if (mayBeBody && element.getAnnotations().length == 0) {
            if (type.isRecord()) {
                Arrays.stream(type.getRecordComponents()).forEach(c -> inputs.json().add(c.getName()));
            } else if (!type.getName().startsWith("java.") && !type.getName().startsWith("jakarta.") && !type.getName().startsWith("io.")) {
                Arrays.stream(type.getFields()).forEach(f -> inputs.json().add(f.getName()));
            }
        }
    }

    private static String named(String value, String fallback) {
        return value == null || value.isEmpty() ? fallback : value;
    }

    private static List<Class<?>> resourceClasses() throws IOException, ClassNotFoundException {
        java.nio.file.Path classes = Paths.get("target/classes");
        List<Class<?>> resources = new ArrayList<>();
        List<java.nio.file.Path> files;
        try (Stream<java.nio.file.Path> walk = Files.walk(classes)) {
            files = walk.filter(p -> p.toString().endsWith(".class")).toList();
        }
        for (java.nio.file.Path file : files) {
            String name = classes.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
            Class<?> type = Class.forName(name, false, Routes.class.getClassLoader());
            if (type.getAnnotation(Path.class) != null) {
                resources.add(type);
            }
        }
        return resources;
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

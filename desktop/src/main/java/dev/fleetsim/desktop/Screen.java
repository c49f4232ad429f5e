package dev.fleetsim.desktop;

import javafx.scene.Node;

import java.util.function.Function;

/**
 * One screen of the window (a tab): its id (what {@link DesktopSession#show} names), its title,
 * and how its view is made from the app's context. A new screen (the planner's Pareto front,
 * serving latencies) is a view, a view model and one line in {@link Screens#all()}.
 */
public interface Screen {
    String id();

    String title();

    Node view(AppContext context);

    static Screen of(String id, String title, Function<AppContext, Node> view) {
        return new Screen() {
            @Override
            public String id() {
                return id;
            }

            @Override
            public String title() {
                return title;
            }

            @Override
            public Node view(AppContext context) {
                return view.apply(context);
            }
        };
    }
}
